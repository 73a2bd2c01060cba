/**
 * Groups a notebook's code cells into blocks by their tags (design §2): steps, imports,
 * functions, parameters, metrics. Untagged cells (and `block:` with no name) continue the
 * block above; `skip` drops only its own cell.
 */
import { INotebook } from '../notebook/model';
import {
  CellRole,
  emptyStepSettings,
  ICellTags,
  parseCellTags
} from '../notebook/tags';
import { IStepSettings } from '../settings/types';
import { IDiagnostic } from './diagnostic';
import { ICellAnalysis } from '../analysis/cell-analysis';

export type BlockKind =
  'step' | 'imports' | 'functions' | 'parameters' | 'metrics';

export interface IStepBlock {
  name: string;
  cells: number[];
  prev: { name: string; cell: number }[];
  settings: IStepSettings;
}

export interface ISegments {
  steps: IStepBlock[];
  imports: number[];
  functions: number[];
  parameters: number[];
  metrics: number[];
  diagnostics: IDiagnostic[];
}

const STEP_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

export function segmentCells(
  notebook: INotebook,
  analysisOf: (cell: number) => ICellAnalysis
): ISegments {
  const out: ISegments = {
    steps: [],
    imports: [],
    functions: [],
    parameters: [],
    metrics: [],
    diagnostics: []
  };
  const error = (cell: number, code: IDiagnostic['code'], message: string) =>
    out.diagnostics.push({
      severity: 'error',
      code,
      message,
      cell,
      line: 1,
      column: 0
    });
  let current: { kind: BlockKind; step?: IStepBlock } | null = null;
  const finished = new Set<string>();

  // Indexed loops here: this runs over every cell on every key, and for…of loops over the cells
  // and their frozen tag lists allocated an iterator result each time.
  for (let at = 0; at < notebook.cells.length; at++) {
    const cell = notebook.cells[at];
    if (cell.cellType !== 'code') {
      continue;
    }
    const tags = cellTags(cell.tags);
    if (cell.tagsProblem) {
      error(cell.index, 'bad-tag', cell.tagsProblem);
    }
    for (let p = 0; p < tags.problems.length; p++) {
      const problem = tags.problems[p];
      if (problem.warning) {
        out.diagnostics.push({
          severity: 'warning',
          code: 'bad-tag',
          message: problem.message,
          cell: cell.index,
          line: 1,
          column: 0
        });
      } else {
        error(cell.index, 'bad-tag', problem.message);
      }
    }
    const role: CellRole = tags.role;
    if (role.kind === 'skip') {
      continue;
    }
    if (role.kind === 'continue') {
      if (!current) {
        if (analysisOf(cell.index).hasCode) {
          error(
            cell.index,
            'untagged-cell',
            'this code cell comes before any tagged cell; tag it (step:NAME, imports, functions, ...) or skip'
          );
        }
        continue;
      }
      addCell(out, current, cell.index, tags);
      continue;
    }
    if (role.kind === 'step') {
      const name = role.name;
      if (!tags.validName) {
        error(
          cell.index,
          'invalid-step-name',
          `step name '${name}' is not valid: use letters, digits, '_' and '-', start with a letter, at most 63 characters`
        );
      }
      if (current?.step?.name === name) {
        addCell(out, current, cell.index, tags);
        continue;
      }
      if (current?.step) {
        finished.add(current.step.name);
      }
      if (finished.has(name)) {
        error(
          cell.index,
          'duplicate-step',
          `step '${name}' is already defined above; give this step another name or move its cells together`
        );
      }
      const step: IStepBlock = {
        name,
        cells: [],
        prev: [],
        settings: NO_STEP_SETTINGS
      };
      out.steps.push(step);
      current = { kind: 'step', step };
      addCell(out, current, cell.index, tags);
      continue;
    }
    if (current?.step) {
      finished.add(current.step.name);
    }
    current = { kind: role.kind };
    addCell(out, current, cell.index, tags);
  }
  return out;
}

function addCell(
  out: ISegments,
  block: { kind: BlockKind; step?: IStepBlock },
  cell: number,
  tags: IReadTags
): void {
  if (block.kind !== 'step' || !block.step) {
    out[block.kind as Exclude<BlockKind, 'step'>].push(cell);
    return;
  }
  const step = block.step;
  step.cells.push(cell);
  // Indexed, as below: an iterator over the frozen list allocated on every key for every cell.
  for (let at = 0; at < tags.prev.length; at++) {
    step.prev.push({ name: tags.prev[at], cell });
  }
  if (tags.hasSettings) {
    if (step.settings === NO_STEP_SETTINGS) {
      step.settings = emptyStepSettings();
    }
    mergeSettings(step.settings, tags.settings);
  }
}

/**
 * The settings of every step whose cells carry no setting tag: one frozen object rather than
 * four empty maps per step on every keystroke (the IR is read, never changed, downstream).
 */
const NO_STEP_SETTINGS: IStepSettings = deepFreeze(emptyStepSettings());

/** A cell's parsed tags, shared between cells and analyses: deeply frozen. */
interface IReadTags extends Readonly<ICellTags> {
  /** False when the tags set no step setting (merging them would change nothing). */
  readonly hasSettings: boolean;
  /** For a step role: whether its name is a valid step name. */
  readonly validName: boolean;
}

/**
 * Parsed tags by the tags' text: after a keystroke, every cell's tags are the same as before,
 * so parsing them again (and the garbage it makes) is wasted. Results are frozen, so no caller
 * can change what the next lookup returns. Two maps, so that a one-tag key can never equal a
 * longer list's key.
 */
const byOneTag = new Map<string, IReadTags>();
const byTagList = new Map<string, IReadTags>();
/** Enough for the distinct tag lists of any real notebook; an entry is a few hundred bytes. */
const TAGS_CACHE_LIMIT = 16384;
let noTags: IReadTags | undefined;

export function cellTags(tags: readonly string[]): IReadTags {
  if (tags.length === 0) {
    return (noTags ??= readTags(tags));
  }
  const cache = tags.length === 1 ? byOneTag : byTagList;
  const key = tags.length === 1 ? tags[0] : JSON.stringify(tags);
  let found = cache.get(key);
  if (!found) {
    if (cache.size >= TAGS_CACHE_LIMIT) {
      cache.clear();
    }
    found = readTags(tags);
    cache.set(key, found);
  }
  return found;
}

function readTags(tags: readonly string[]): IReadTags {
  const parsed = parseCellTags(tags);
  const { settings } = parsed;
  const hasSettings =
    Object.keys(settings).length > 4 ||
    [
      settings.limits,
      settings.requests,
      settings.labels,
      settings.annotations
    ].some(map => Object.keys(map).length > 0);
  const validName =
    parsed.role.kind === 'step' && STEP_NAME.test(parsed.role.name);
  // Most cells set nothing: their entries share one empty settings object.
  return deepFreeze({
    ...parsed,
    settings: hasSettings ? settings : NO_STEP_SETTINGS,
    hasSettings,
    validName
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}

export function mergeSettings(
  into: IStepSettings,
  from: Readonly<Partial<IStepSettings>>
): void {
  Object.assign(into.limits, from.limits ?? {});
  Object.assign(into.requests, from.requests ?? {});
  Object.assign(into.labels, from.labels ?? {});
  Object.assign(into.annotations, from.annotations ?? {});
  for (const key of ['image', 'cache', 'retries', 'timeoutSeconds'] as const) {
    if (from[key] !== undefined) {
      (into as unknown as Record<string, unknown>)[key] = from[key];
    }
  }
}
