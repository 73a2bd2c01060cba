/** nbformat 4 notebooks for tests: code cells with tags, written the way Jupyter writes them. */
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

export function notebookJson(
  cells: ICodeCell[],
  metadata: Record<string, unknown> = {}
): {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: ICodeCell[];
} {
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}
