/**
 * Which step each code cell belongs to, read from the tags alone (as design §2 says: untagged
 * code cells continue the step above). For badges and for the `prev:` choices.
 */
import { parseCellTags } from '../../core/notebook/tags';

export interface ICellLike {
  type: string;
  tags: readonly string[];
}

export type CellBadge =
  | { kind: 'step'; step: string; first: boolean }
  | {
      kind: 'role';
      role: 'imports' | 'functions' | 'parameters' | 'metrics' | 'skip';
    }
  | { kind: 'none' };

export function cellBadges(cells: readonly ICellLike[]): CellBadge[] {
  let current: string | null = null;
  return cells.map(cell => {
    if (cell.type !== 'code') {
      return { kind: 'none' };
    }
    const role = parseCellTags(cell.tags).role;
    switch (role.kind) {
      case 'step':
        current = role.name;
        return { kind: 'step', step: role.name, first: true };
      case 'continue':
        return current === null
          ? { kind: 'none' }
          : { kind: 'step', step: current, first: false };
      default:
        return { kind: 'role', role: role.kind };
    }
  });
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
