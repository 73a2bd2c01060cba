/** Whether two lists of strings or numbers are equal, element for element. */
export function sameList<T extends string | number>(
  a: readonly T[],
  b: readonly T[]
): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
