import { cellNumber } from './cell-number';

/**
 * A problem the user can fix. Carries where it happened so the message can name the
 * notebook, cell and line. The CLI prints `message` (never a stack trace) and exits 2.
 */
export interface IErrorLocation {
  notebook?: string;
  /** 0-based cell index (text counts from 1: `cell-number.ts`). */
  cell?: number;
  /** 1-based line in the cell. */
  line?: number;
}

export class UserError extends Error {
  constructor(
    message: string,
    readonly location: IErrorLocation = {}
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** `notebook.ipynb, cell 3, line 2: message` (cell 3: index 2) */
  describe(): string {
    return formatLocation(this.location) + this.message;
  }
}

export function formatLocation(location: IErrorLocation): string {
  const parts: string[] = [];
  if (location.notebook !== undefined) {
    parts.push(location.notebook);
  }
  if (location.cell !== undefined) {
    parts.push(`cell ${cellNumber(location.cell)}`);
  }
  if (location.line !== undefined) {
    parts.push(`line ${location.line}`);
  }
  return parts.length ? parts.join(', ') + ': ' : '';
}
