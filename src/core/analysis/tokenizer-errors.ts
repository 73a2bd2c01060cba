/**
 * Which syntax error a cell reports first where CPython's tokenizer refuses something too: when
 * its parse fails, CPython tokenizes the whole source and reports a tokenizer error (a closing
 * bracket that closes nothing or the wrong one, an unterminated string, an invisible character)
 * instead of its parser's "invalid syntax", wherever each is. A bracket never closed is named
 * where it is the only mistake: the source with the brackets closed at the end parses.
 */
import { ISyntaxError } from './cell-names';
import { ILayoutProblem } from './logical-lines';
import { parsePython } from './parse';

/**
 * `sorted` (the cell's syntax errors, in line order, `layout`'s among them as errors with their
 * message as reason) with the first tokenizer error moved to the front, unless a layout error
 * CPython reports anyway (an unexpected indent) comes before it.
 */
export function tokenizerErrorFirst(
  sorted: ISyntaxError[],
  layout: readonly ILayoutProblem[],
  python: string
): ISyntaxError[] {
  const first = layout.find(
    problem => problem.tokenizer || problem.closing !== undefined
  );
  if (!first) {
    return sorted;
  }
  const at = sorted.findIndex(
    error => error.reason === first.message && error.line === first.line
  );
  if (
    at <= 0 ||
    sorted
      .slice(0, at)
      .some(error => layout.some(problem => problem.message === error.reason))
  ) {
    return sorted;
  }
  if (
    !first.tokenizer &&
    parsePython(`${python}\n${first.closing}`).errors.length > 0
  ) {
    return sorted; // not the only mistake: the parser's error stands
  }
  return [sorted[at], ...sorted.slice(0, at), ...sorted.slice(at + 1)];
}
