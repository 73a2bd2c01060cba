/**
 * Which step or role each code cell belongs to, read from the tags alone (as design §2 says, and
 * as the analyzer's segment.ts reads them: untagged code cells continue the block above, a step
 * or an imports, functions, parameters or metrics cell; `skip` marks only its own cell). For
 * badges, the `prev:` choices and what the step panel says an untagged cell continues.
 */
import { parseCellTags } from '../../core/notebook/tags';

export interface ICellLike {
  type: string;
  tags: readonly string[];
}

/** The roles of blocks an untagged cell continues (a skipped cell is none: it marks only itself). */
export type BlockRole = 'imports' | 'functions' | 'parameters' | 'metrics';

/** What an untagged cell continues: a step, a block of another role, or nothing. */
export type ContinuedBlock =
  | { kind: 'step'; step: string; first: false }
  | { kind: 'role'; role: BlockRole }
  | { kind: 'none' };

export type CellBadge =
  | ContinuedBlock
  | { kind: 'step'; step: string; first: true }
  | { kind: 'role'; role: 'skip' };

export function cellBadges(cells: readonly ICellLike[]): CellBadge[] {
  /** The block an untagged cell continues: the last step or role above, none before any. */
  let current: ContinuedBlock = { kind: 'none' };
  return cells.map(cell => {
    if (cell.type !== 'code') {
      return { kind: 'none' };
    }
    const role = parseCellTags(cell.tags).role;
    switch (role.kind) {
      case 'step':
        if (current.kind === 'step' && current.step === role.name) {
          // `step:a` again right below step a (a pasted copy): one step, as segment.ts reads it
          return current;
        }
        current = { kind: 'step', step: role.name, first: false };
        return { kind: 'step', step: role.name, first: true };
      case 'continue':
        return current;
      case 'skip':
        return { kind: 'role', role: 'skip' };
      default:
        current = { kind: 'role', role: role.kind };
        return current;
    }
  });
}

/** What an untagged cell at `index` would continue: a step, a role, or nothing (`none`). */
export function blockAbove(
  cells: readonly ICellLike[],
  index: number
): ContinuedBlock {
  // An untagged cell's badge is the block it continues (cellBadges' `current`).
  const continuing = { type: 'code', tags: [] };
  return cellBadges([...cells.slice(0, index), continuing])[
    index
  ] as ContinuedBlock;
}

/** The names of the steps that start above cell `index`, in order. */
export function stepsAbove(
  cells: readonly ICellLike[],
  index: number
): string[] {
  const names: string[] = [];
  cellBadges(cells.slice(0, index)).forEach(badge => {
    if (badge.kind === 'step' && badge.first && !names.includes(badge.step)) {
      names.push(badge.step);
    }
  });
  return names;
}

/** The names of the steps that start below cell `index`, in order (for duplicate names). */
export function stepsBelow(
  cells: readonly ICellLike[],
  index: number
): string[] {
  const names: string[] = [];
  cellBadges(cells)
    .slice(index + 1)
    .forEach(badge => {
      if (badge.kind === 'step' && badge.first && !names.includes(badge.step)) {
        names.push(badge.step);
      }
    });
  return names;
}

/**
 * The steps above a cell that it may run after: those of `above` but the step the cell is part
 * of, where that step started above it (an untagged cell of step a, or a cell tagged `step:a`
 * again right below step a, continues a: running after itself is no choice, nor is its name
 * taken).
 */
export function stepsBefore(
  above: readonly string[],
  continues: ContinuedBlock,
  role: string,
  name: string
): string[] {
  const own =
    continues.kind === 'step' &&
    (role === 'continue' || (role === 'step' && name.trim() === continues.step))
      ? continues.step
      : null;
  return own === null ? [...above] : above.filter(step => step !== own);
}
