/**
 * Parameter lists in an order CPython refuses though tree-sitter-python takes it, with
 * CPython 3.11's message, at the parameter it names:
 * - `def f(a=1, b)`: "non-default argument follows default argument" (before any `*`; where its
 *   rule does not match, as in `def f(a, /, b=1, c)`, CPython says only "invalid syntax");
 * - `def f(*)`, `def f(*, **k)`: "named arguments must follow bare *";
 * - `def f(*a, *b)`: "* argument may appear only once";
 * - `def f(**k, a)`: "arguments cannot follow var-keyword argument";
 * - `def f(/, a)`: "at least one argument must precede /"; `def f(a, /, /)`: "/ may appear
 *   only once"; `def f(*a, /)`: "/ must be ahead of *".
 * Lambdas' lists alike. Read in one pass as the walker reaches the list.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';
import { tokenAfter } from './token-after';

const DEFAULTS = new Set(['default_parameter', 'typed_default_parameter']);

function error(node: IPyNode, reason: string): ICompileError {
  return { offset: node.from, reason };
}

/** `*args`, `*args: T`, `**k`, `**k: T`, or neither. */
function splat(param: IPyNode): 'star' | 'kwargs' | null {
  const node = param.type === 'typed_parameter' ? param.children[0] : param;
  if (node?.type === 'list_splat_pattern') {
    return 'star';
  }
  return node?.type === 'dictionary_splat_pattern' ? 'kwargs' : null;
}

/**
 * Where a parameter without a default stands in CPython's rule for "non-default argument follows
 * default argument": after parameters without defaults, a run of defaults (and a `/` right
 * after them) it follows directly. After any other mix CPython says only "invalid syntax".
 */
const LEADING = 0;
const DEFAULTS_RUN = 1;
const SLASH_AFTER_DEFAULTS = 2;
const OTHER = 3;

export function parameterOrderError(
  params: IPyNode,
  source: string
): ICompileError | null {
  let count = 0;
  let slash = false;
  let star: IPyNode | null = null;
  let bareStarWaiting: IPyNode | null = null;
  let kwargs = false;
  let defaulted = false;
  let run = LEADING;
  let misplaced: ICompileError | null = null;
  const children = params.children;
  for (let i = 0; i < children.length; i++) {
    const param = children[i];
    if (!param.named) {
      continue;
    }
    if (kwargs && !misplaced) {
      return error(param, 'arguments cannot follow var-keyword argument');
    }
    const kind =
      param.type === 'positional_separator'
        ? 'slash'
        : param.type === 'keyword_separator'
          ? 'bare star'
          : splat(param);
    if (kind === 'slash') {
      if (star) {
        return error(param, '/ must be ahead of *');
      }
      if (slash) {
        return error(param, '/ may appear only once');
      }
      if (!count) {
        // CPython's rule wants the comma: `def f(/)` is only "invalid syntax"
        return error(
          param,
          followedByComma(param, source)
            ? 'at least one argument must precede /'
            : 'invalid syntax'
        );
      }
      slash = true;
      run = run === DEFAULTS_RUN ? SLASH_AFTER_DEFAULTS : OTHER;
      continue;
    }
    if (kind === 'bare star' || kind === 'star') {
      if (star && !misplaced) {
        // the rule wants a parameter or a comma after the second star
        const named = kind === 'star' || followedByComma(param, source);
        return error(
          param,
          named ? '* argument may appear only once' : 'invalid syntax'
        );
      }
      star = param;
      bareStarWaiting = kind === 'bare star' ? param : null;
      continue;
    }
    if (kind === 'kwargs') {
      if (bareStarWaiting && !misplaced) {
        return error(bareStarWaiting, 'named arguments must follow bare *');
      }
      kwargs = true;
      continue;
    }
    bareStarWaiting = null;
    count++;
    if (star) {
      continue; // keyword-only parameters need no default
    }
    if (DEFAULTS.has(param.type)) {
      defaulted = true;
      run = run === LEADING || run === DEFAULTS_RUN ? DEFAULTS_RUN : OTHER;
    } else if (defaulted && !misplaced) {
      if (run === DEFAULTS_RUN || run === SLASH_AFTER_DEFAULTS) {
        return error(param, 'non-default argument follows default argument');
      }
      // CPython's rules for a second `/` or a `/` after `*` still match past it
      misplaced = error(param, 'invalid syntax');
    }
  }
  if (misplaced) {
    return misplaced;
  }
  return bareStarWaiting
    ? error(bareStarWaiting, 'named arguments must follow bare *')
    : null;
}

/** Whether a comma follows the node (blanks and comments between). */
function followedByComma(node: IPyNode, source: string): boolean {
  return source[tokenAfter(node.to, source)] === ',';
}
