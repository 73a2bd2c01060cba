/**
 * Parses Python with @lezer/python. The grammar rejects floats with a bare trailing dot
 * (`1.`, `1./255`), which Python accepts; those dots are blanked (same length, so every
 * position stays right) before parsing, outside strings and comments.
 */
import { Tree } from '@lezer/common';
import { parser } from '@lezer/python';

const TRAILING_DOT_FLOAT = /(?<![\w.])(\d[\d_]*)\.(?![\w.])/g;

export interface IParsed {
  tree: Tree;
  /** The text the tree was parsed from: the source with trailing-dot floats patched. */
  text: string;
}

export function parsePython(source: string): IParsed {
  const tree = parser.parse(source);
  if (!hasError(tree) || !TRAILING_DOT_FLOAT.test(source)) {
    return { tree, text: source };
  }
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
  const text = source.replace(
    TRAILING_DOT_FLOAT,
    (match, digits: string, offset: number) =>
      inLiteral(offset) ? match : digits + ' '
  );
  return { tree: parser.parse(text), text };
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
