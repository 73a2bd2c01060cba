/**
 * Parses Python with @lezer/python. The grammar rejects two things Python accepts: floats
 * with a bare trailing dot (`1.`, `1./255`) and parenthesized context managers (`with (a as
 * b, c as d):`). When a parse fails, those are blanked (same length, so every position stays
 * right: see `with-parens.ts`; dots only outside strings and comments) and the text re-parsed.
 */
import { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { unparenthesizeWith } from './with-parens';

const TRAILING_DOT_FLOAT = /(?<![\w.])(\d[\d_]*)\.(?![\w.])/g;

export interface IParsed {
  tree: Tree;
  /** The text the tree was parsed from: the source with trailing-dot floats patched. */
  text: string;
}

export function parsePython(source: string): IParsed {
  const tree = parser.parse(source);
  if (!hasError(tree)) {
    return { tree, text: source };
  }
  let text = unparenthesizeWith(source);
  if (/(?<![\w.])\d[\d_]*\.(?![\w.])/.test(text)) {
    text = blankTrailingDots(text, tree);
  }
  return text === source ? { tree, text } : { tree: parser.parse(text), text };
}

/** Blanks the dot of each trailing-dot float outside the strings and comments of `tree`. */
function blankTrailingDots(source: string, tree: Tree): string {
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
  const inLiteral = (at: number) =>
    literalRanges.some(([from, to]) => at >= from && at < to);
  return source.replace(
    TRAILING_DOT_FLOAT,
    (match, digits: string, offset: number) =>
      inLiteral(offset) ? match : digits + ' '
  );
}

function hasError(tree: Tree): boolean {
  let found = false;
  tree.iterate({
    enter: node => {
      if (node.type.isError) {
        found = true;
      }
      return !found;
    }
  });
  return found;
}
