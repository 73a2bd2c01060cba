/**
 * The notebook model: nbformat 4 JSON read into plain cells. Rejects anything that is
 * not a notebook with a NotebookError that says what is wrong.
 */
import { cellNumber } from '../cell-number';
export interface INotebookCell {
  /** 0-based index into the notebook's `cells`. */
  index: number;
  cellType: 'code' | 'markdown' | 'raw';
  source: string;
  tags: string[];
  /** Why `metadata.tags` could not be read: it is not a list, or has entries that are not strings (dropped). */
  tagsProblem?: string;
}

export interface INotebook {
  /** The display name used in messages (usually the file name). */
  path: string;
  nbformat: number;
  metadata: Record<string, unknown>;
  cells: INotebookCell[];
}

export class NotebookError extends Error {
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(message);
    this.name = 'NotebookError';
  }
}

/** Parses notebook file text. Throws NotebookError for anything that is not a notebook. */
export function parseNotebookText(text: string, path: string): INotebook {
  if (text.includes('\u0000')) {
    throw new NotebookError(
      'this is a binary file, not a notebook (nbformat 4 JSON)'
    );
  }
  if (!text.trim()) {
    throw new NotebookError('the file is empty, not a notebook');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new NotebookError(
      `invalid JSON (${detail}); is the file truncated or not a notebook?`,
      jsonErrorLine(text, detail)
    );
  }
  return readNotebook(value, path);
}

/**
 * Cells read before, by the cell object they were read from: `readNotebook` reads a cell object
 * it finds here at the same index no more. For callers whose cell objects are not changed once
 * read: the lab's snapshots (`lab/sidebar/notebook-snapshot.ts`), which share the objects of
 * unchanged cells from one key to the next.
 */
export type ReadCells = WeakMap<object, INotebookCell>;

/**
 * Reads an already parsed notebook object. Throws NotebookError when it is not nbformat 4.
 * With `readBefore`, reuses (and keeps) the cells read from the same objects.
 */
export function readNotebook(
  value: unknown,
  path: string,
  readBefore?: ReadCells
): INotebook {
  if (!isObject(value)) {
    throw new NotebookError('the file is JSON but not a notebook object');
  }
  const nbformat = value.nbformat;
  if (typeof nbformat === 'number' && nbformat < 4) {
    throw new NotebookError(
      `nbformat ${nbformat} is not supported; open and save the notebook in JupyterLab to convert it to nbformat 4`
    );
  }
  if (nbformat !== undefined && nbformat !== 4) {
    throw new NotebookError(
      `unsupported nbformat ${String(nbformat)}; cellpipe reads nbformat 4`
    );
  }
  if (!Array.isArray(value.cells)) {
    throw new NotebookError(
      value.worksheets
        ? 'nbformat 3 notebooks are not supported'
        : 'the notebook has no "cells" array'
    );
  }
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const cells: INotebookCell[] = [];
  for (let index = 0; index < value.cells.length; index++) {
    const cell: unknown = value.cells[index];
    const kept =
      readBefore && isObject(cell) ? readBefore.get(cell) : undefined;
    if (kept !== undefined && kept.index === index) {
      cells.push(kept);
      continue;
    }
    const read = readCell(cell, index);
    if (readBefore && isObject(cell)) {
      readBefore.set(cell, read);
    }
    cells.push(read);
  }
  return { path, nbformat: 4, metadata, cells };
}

function readCell(cell: unknown, index: number): INotebookCell {
  if (!isObject(cell)) {
    throw new NotebookError(`cell ${cellNumber(index)} is not an object`);
  }
  const cellType = cell.cell_type;
  if (cellType !== 'code' && cellType !== 'markdown' && cellType !== 'raw') {
    throw new NotebookError(
      `cell ${cellNumber(index)} has an unknown cell_type ${JSON.stringify(cellType)}`
    );
  }
  const source = readSource(cell.source, index);
  const metadata = isObject(cell.metadata) ? cell.metadata : {};
  const rawTags = metadata.tags;
  const tags = Array.isArray(rawTags)
    ? rawTags.filter((tag): tag is string => typeof tag === 'string')
    : [];
  const tagsProblem =
    rawTags === undefined || rawTags === null
      ? undefined
      : Array.isArray(rawTags)
        ? nonStringTagsProblem(rawTags)
        : `the cell's metadata "tags" is ${describeJson(rawTags)}, not a list: write ${JSON.stringify(
            typeof rawTags === 'string'
              ? rawTags.split(/[\s,]+/).filter(Boolean)
              : ['step:NAME']
          )}, or use the Pipeline step panel`;
  return tagsProblem
    ? { index, cellType, source, tags, tagsProblem }
    : { index, cellType, source, tags };
}

/** Entries of a `tags` list that are not strings (`5`, `["skip"]`), named; undefined if none. */
function nonStringTagsProblem(tags: unknown[]): string | undefined {
  const others = tags.filter(tag => typeof tag !== 'string');
  if (!others.length) {
    return undefined;
  }
  const named = others
    .map(tag => `${JSON.stringify(tag)?.slice(0, 40)} (${describeJson(tag)})`)
    .join(', ');
  return (
    `the cell's metadata "tags" has entries that are not strings: ${named}. Each tag is a ` +
    'string, such as "step:NAME": write them as strings, or use the Pipeline step panel'
  );
}

function readSource(source: unknown, index: number): string {
  if (typeof source === 'string') {
    return source;
  }
  if (Array.isArray(source) && source.every(line => typeof line === 'string')) {
    return source.join('');
  }
  if (source === undefined) {
    return '';
  }
  throw new NotebookError(
    `cell ${cellNumber(index)} has a source that is neither a string nor a list of strings`
  );
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns "... at position 123" in a JSON.parse message into a 1-based line number. */
function jsonErrorLine(text: string, detail: string): number | undefined {
  const match = /position (\d+)/.exec(detail);
  if (!match) {
    return undefined;
  }
  const position = Math.min(Number(match[1]), text.length);
  return text.slice(0, position).split('\n').length;
}

/** `a string`, `a number`, `an object`: what a JSON value is, for a message. */
function describeJson(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (value === null) {
    return 'null';
  }
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}
