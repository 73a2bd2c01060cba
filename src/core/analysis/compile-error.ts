/**
 * An error CPython's compiler reports where the grammar takes the code (a `global` after the
 * name's use, a late future import): where it is, and what CPython says.
 */
export interface ICompileError {
  offset: number;
  reason: string;
}
