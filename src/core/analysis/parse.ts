/**
 * Parses Python with @lezer/python. The grammar rejects some things Python accepts: floats
 * with a bare trailing dot (`1.`, `1./255`), a bare `yield` (`x = yield`, `yield` alone) and
 * parenthesized context managers (`with (a as b, c as d):`). When a parse fails, those are
 * rewritten at the same length, so every position stays right (`1.` → `1 `, `yield` →
 * `None `, see `with-parens.ts`), outside strings and comments, and the text is re-parsed.
 * The rewrites bind and read no names, so the analysis is that of the original code.
 * The tree is walked once for its error nodes, and the walker reuses that list.
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
}

export function parsePython(source: string): IParsed {
  const tree = parser.parse(source);
  const errors = errorOffsets(tree);
  if (!errors.length) {
    return { tree, text: source, errors };
  }
  const inLiteral = literalTest(tree);
  const text = unparenthesizeWith(source)
    .replace(TRAILING_DOT_FLOAT, (match, digits: string, offset: number) =>
      inLiteral(offset) ? match : digits + ' '
    )
    .replace(BARE_YIELD, (match, offset: number) =>
      inLiteral(offset) ? match : 'None '
    );
  if (text === source) {
    return { tree, text, errors };
  }
  const reparsed = parser.parse(text);
  return { tree: reparsed, text, errors: errorOffsets(reparsed) };
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
  return offset =>
    literalRanges.some(([from, to]) => offset >= from && offset < to);
}

/** The start of each error node not inside another one. */
function errorOffsets(tree: Tree): number[] {
  const offsets: number[] = [];
  tree.iterate({
    enter: node => {
      if (node.type.isError) {
        offsets.push(node.from);
        return false;
      }
      return undefined;
    }
  });
  return offsets;
}
