/**
 * Which syntax error a cell reports first where its layout check finds one that CPython reports
 * before its parser's "invalid syntax":
 * - a tokenizer error (a closing bracket that closes nothing or the wrong one, an unterminated
 *   string, an invisible character), wherever it is: when its parse fails, CPython tokenizes
 *   the whole source for such errors;
 * - an indentation error, or a bracket never closed, where CPython's parser gets that far: where
 *   the source before the line (or up to the bracket, an operand in its place and the brackets
 *   around it closed) parses. tree-sitter's recovery often puts the parser's error at the start
 *   of the statement or block around the mistake, lines before it.
 */
import { ISyntaxError } from './cell-names';
import { ILayoutProblem } from './logical-lines';
import { parsePython } from './parse';
import { Positions } from './positions';

/**
 * `sorted` (the cell's syntax errors, in line order, `layout`'s among them as errors with their
 * message as reason) with the layout error CPython reports first moved to the front.
 */
export function cpythonFirstError(
  sorted: ISyntaxError[],
  layout: readonly ILayoutProblem[],
  python: string,
  positions: Positions
): ISyntaxError[] {
  const tokenizer = layout.find(problem => problem.tokenizer);
  const indentation = layout.find(problem => problem.indentation);
  const lead =
    tokenizer && (!indentation || tokenizer.line < indentation.line)
      ? tokenizer
      : (indentation ?? layout.find(problem => problem.closing !== undefined));
  if (!lead) {
    return sorted;
  }
  const at = sorted.findIndex(
    error => error.reason === lead.message && error.line === lead.line
  );
  if (at <= 0 || (!lead.tokenizer && !parsesBefore(python, positions, lead))) {
    return sorted;
  }
  return [sorted[at], ...sorted.slice(0, at), ...sorted.slice(at + 1)];
}

/**
 * Whether the source before `problem` parses: before its line (an indentation), or up to the
 * bracket never closed with `None` in its place and the brackets open around it closed.
 */
function parsesBefore(
  python: string,
  positions: Positions,
  problem: ILayoutProblem
): boolean {
  const probe =
    problem.closing === undefined
      ? python.slice(0, positions.offset(problem.statementLine ?? problem.line))
      : `${python.slice(0, positions.offset(problem.line, problem.column))}None${problem.closing.slice(1)}\n`;
  return parsePython(probe).errors.length === 0;
}
