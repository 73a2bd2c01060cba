/** Offsets in a cell's source → 1-based line and 0-based column. */
export class Positions {
  private readonly lineStarts: number[] = [0];

  constructor(source: string) {
    for (
      let i = source.indexOf('\n');
      i >= 0;
      i = source.indexOf('\n', i + 1)
    ) {
      this.lineStarts.push(i + 1);
    }
  }

  at(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low + 1, column: offset - this.lineStarts[low] };
  }

  /** The offset of a 1-based line and 0-based column (the inverse of `at`). */
  offset(line: number, column = 0): number {
    return this.lineStarts[line - 1] + column;
  }
}
