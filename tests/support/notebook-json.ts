/** nbformat 4 notebooks for tests: code cells with tags and markdown cells, written the way Jupyter writes them. */
export interface ICodeCell {
  cell_type: 'code';
  execution_count: null;
  metadata: { tags: string[] };
  outputs: [];
  source: string;
}

export function codeCell(source: string, tags: string[] = []): ICodeCell {
  return {
    cell_type: 'code',
    execution_count: null,
    metadata: { tags },
    outputs: [],
    source
  };
}

export interface IMarkdownCell {
  cell_type: 'markdown';
  metadata: Record<string, never>;
  source: string;
}

export function markdownCell(source: string): IMarkdownCell {
  return { cell_type: 'markdown', metadata: {}, source };
}

export function notebookJson<Cell extends ICodeCell | IMarkdownCell>(
  cells: Cell[],
  metadata: Record<string, unknown> = {}
): {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
} {
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}
