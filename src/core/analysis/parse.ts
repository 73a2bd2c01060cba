/**
 * Parses Python with @lezer/python. The grammar rejects some things Python accepts: floats
 * with a bare trailing dot (`1.`, `1./255`), a bare `yield` (`x = yield`, `yield` alone),
 * parenthesized context managers (`with (a as b, c as d):`), form feeds, and `print` used as a
 * name (`print`, `print >> f, x`: the grammar reads Python 2's print statement). When a parse
 * fails, those are rewritten at the same length, so every position stays right (`1.` → `1 `,
 * `yield` → `None `, `print` → `input`, a form feed → a space, see `with-parens.ts`), outside
 * strings and comments, and the text is re-parsed. The rewrites bind and read no names the
 * walker sees (it reads names from the original source), so the analysis is that of the
 * original code. `print x` stays an error, as in Python 3. The tree is walked once for its
 * error nodes, and the walker reuses that list.
 */
import { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { unparenthesizeWith } from './with-parens';

const TRAILING_DOT_FLOAT = /(?<![\w.])(\d[\d_]*)\.(?![\w.])/g;
const BARE_YIELD = /(?<![\w.])yield(?=[ \t]*(?:[)\]},;#\r\n]|$))/g;

export interface IParsed {
  tree: Tree;
  /** The text the tree was parsed from: the source with the rewrites above. */
  text: string;
  /** Where the tree's outermost error nodes start, in source order. */
  errors: number[];
  /**
   * Where `as` before a target that is not a plain name (`with f() as (a, b):`, `as self.x`,
   * which the grammar refuses) was rewritten to `or`: the walker binds the right operand.
   */
  withTargets: ReadonlySet<number>;
}

const NO_OFFSETS: ReadonlySet<number> = new Set();
/** `as` followed by a tuple, list, attribute or subscript target. */
const AS_COMPLEX_TARGET =
  /(?<![\w.])as(?=[ \t]+(?:[([]|[A-Za-z_]\w*[ \t]*[.[]))/g;
const WITH_LINE = /^[ \t]*(?:async[ \t]+)?with\b/;

export function parsePython(source: string): IParsed {
  const tree = parser.parse(source);
  const prints: number[] = [];
  const errors = errorOffsets(tree, prints);
  if (!errors.length && !prints.length) {
    return { tree, text: source, errors, withTargets: NO_OFFSETS };
  }
  const inLiteral = literalTest(tree);
  let text = unparenthesizeWith(source);
  if (prints.length) {
    const chars = text.split('');
    prints.forEach(at => chars.splice(at, 5, ...'input'));
    text = chars.join('');
  }
  text = text
    .replace(/\f/g, ' ')
    .replace(TRAILING_DOT_FLOAT, (match, digits: string, offset: number) =>
      inLiteral(offset) ? match : digits + ' '
    )
    .replace(BARE_YIELD, (match, offset: number) =>
      inLiteral(offset) ? match : 'None '
    );
  const withTargets = new Set<number>();
  text = text.replace(AS_COMPLEX_TARGET, (match, offset: number) => {
    if (inLiteral(offset) || !inWithStatement(text, offset)) {
      return match;
    }
    withTargets.add(offset);
    return 'or';
  });
  if (text === source) {
    return { tree, text, errors, withTargets: NO_OFFSETS };
  }
  const reparsed = parser.parse(text);
  const stillPrint: number[] = [];
  const reparsedErrors = errorOffsets(reparsed, stillPrint);
  return {
    tree: reparsed,
    text,
    errors: [...reparsedErrors, ...stillPrint].sort((a, b) => a - b),
    withTargets
  };
}

/** Whether the line of `offset`, or one of the 5 before it, starts a `with` statement. */
function inWithStatement(text: string, offset: number): boolean {
  let end = offset;
  for (let n = 0; n < 6 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (WITH_LINE.test(text.slice(start, end))) {
      return true;
    }
    end = start - 1;
  }
  return false;
}

/** Whether an offset lies in a string or comment of `tree`. */
function literalTest(tree: Tree): (offset: number) => boolean {
  const literalRanges: [number, number][] = [];
  tree.iterate({
    enter: node => {
      if (
        node.name === 'String' ||
        node.name === 'FormatString' ||
        node.name === 'Comment'
      ) {
        literalRanges.push([node.from, node.to]);
        return false;
      }
      return undefined;
    }
  });
  // The ranges come in source order and do not overlap: a binary search keeps this linear.
  return offset => {
    let low = 0;
    let high = literalRanges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [from, to] = literalRanges[mid];
      if (offset < from) {
        high = mid - 1;
      } else if (offset >= to) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  };
}

/**
 * The start of each error node not inside another one; `prints` gets where each Python 2
 * print statement starts.
 */
function errorOffsets(tree: Tree, prints: number[] = []): number[] {
  const offsets: number[] = [];
  tree.iterate({
    enter: node => {
      if (node.name === 'PrintStatement') {
        prints.push(node.from);
      }
      if (node.type.isError) {
        offsets.push(node.from);
        return false;
      }
      return undefined;
    }
  });
  return offsets;
}
