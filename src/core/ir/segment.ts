/**
 * Groups a notebook's code cells into blocks by their tags (design §2): steps, imports,
 * functions, parameters, metrics. Untagged cells (and `block:` with no name) continue the
 * block above; `skip` drops only its own cell.
 */
import { INotebook } from '../notebook/model';
import { CellRole, emptyStepSettings, parseCellTags } from '../notebook/tags';
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

  for (const cell of notebook.cells) {
    if (cell.cellType !== 'code') {
      continue;
    }
    const tags = parseCellTags(cell.tags);
    tags.problems.forEach(p => error(cell.index, 'bad-tag', p.message));
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
      addCell(out, current, cell.index, tags.settings, tags.prev);
      continue;
    }
    if (role.kind === 'step') {
      const name = role.name;
      if (!STEP_NAME.test(name)) {
        error(
          cell.index,
          'invalid-step-name',
          `step name '${name}' is not valid: use letters, digits, '_' and '-', start with a letter, at most 63 characters`
        );
      }
      if (current?.step?.name === name) {
        addCell(out, current, cell.index, tags.settings, tags.prev);
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
        settings: emptyStepSettings()
      };
      out.steps.push(step);
      current = { kind: 'step', step };
      addCell(out, current, cell.index, tags.settings, tags.prev);
      continue;
    }
    if (current?.step) {
      finished.add(current.step.name);
    }
    current = { kind: role.kind };
    addCell(out, current, cell.index, tags.settings, tags.prev);
  }
  return out;
}

function addCell(
  out: ISegments,
  block: { kind: BlockKind; step?: IStepBlock },
  cell: number,
  settings: IStepSettings,
  prev: string[]
): void {
  if (block.kind !== 'step' || !block.step) {
    out[block.kind as Exclude<BlockKind, 'step'>].push(cell);
    return;
  }
  const step = block.step;
  step.cells.push(cell);
  prev.forEach(name => step.prev.push({ name, cell }));
  mergeSettings(step.settings, settings);
}

export function mergeSettings(
  into: IStepSettings,
  from: Partial<IStepSettings>
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
