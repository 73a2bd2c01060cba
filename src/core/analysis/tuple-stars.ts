/**
 * Starred operands in tuples written without brackets: `x = 1, *[2]`, `return a, *(b, c)`,
 * `a[1, *[2]]` (Python 3.11). tree-sitter-python takes a starred element of such a tuple only
 * when it is a name, an attribute or an item (the grammar reads it as a target's `*rest`), so it
 * refuses valid code where the operand is a list, a tuple, a string, a negation... CPython
 * accepts any expression there.
 *
 * When a parse fails, the source is parsed again with each `*` that follows a comma, in the
 * statements holding an error, made a space (same length, so offsets stay those of the source).
 * After a comma a `*` can only star an operand (a product needs a left operand), and the names
 * read and bound are the same without it. A star that did not star an element of a bare tuple
 * (`def f(a, *args)` in the same statement) is put back and the source parsed once more. The
 * parse stands only if it has no error and every star left out starred such an element:
 * elsewhere (`del a, *b`, `with a, *b:`, `global a, *b`, a dict) CPython refuses the star, and
 * the first parse's error stays.
 */
import { IPyNode, IPythonParse, parsePythonTree } from './python-tree';

/**
 * After a comma and blanks (a backslash-continued line too), a `*` not followed by another, nor
 * by a comma, `)` or `:` (the bare `*` of a parameter list: `def f(a, *, b)`).
 */
const STAR_AFTER_COMMA = /,(?:[ \t\f]|\\\r?\n)*\*(?!\*)(?![ \t\f]*[,):])/g;

/** Operands CPython refuses after a star (it takes a `|` expression or tighter there). */
const LOOSER_THAN_STAR = new Set([
  'boolean_operator',
  'not_operator',
  'comparison_operator',
  'lambda',
  'conditional_expression',
  'named_expression'
]);

const starOperand = (node: IPyNode) => !LOOSER_THAN_STAR.has(node.type);

/** The bare tuples, as targets (`a, *b = ...`) or values. */
const BARE_TUPLES = new Set(['expression_list', 'pattern_list']);

/** Statements whose comma-separated list is no tuple, where CPython refuses a star. */
const NOT_TUPLES = new Set(['delete_statement']);

/**
 * The parse of `source` (which the grammar refused) with starred bare-tuple elements read as
 * plain ones; null when there are none or that parse fails too.
 */
export function parseWithTupleStarsBlanked(
  source: string,
  refused: IPythonParse
): IPythonParse | null {
  if (!source.includes('*')) {
    return null;
  }
  const refusedStatements = statementsWithErrors(refused);
  /** Each star to blank, by where its operand starts (past blanks after the star). */
  const stars = new Map<number, number>();
  for (const match of source.matchAll(STAR_AFTER_COMMA)) {
    const star = match.index + match[0].length - 1;
    if (refusedStatements.some(s => s.from <= star && star < s.to)) {
      BLANKS.lastIndex = star + 1;
      BLANKS.test(source);
      stars.set(BLANKS.lastIndex, star);
    }
  }
  for (let round = 0; round < 2 && stars.size; round++) {
    const parse = parsePythonTree(blanked(source, stars.values()));
    if (parse.errors.length) {
      return null;
    }
    const elsewhere = notBareTupleElements(parse.root, stars);
    if (!elsewhere.length) {
      return parse;
    }
    elsewhere.forEach(operand => stars.delete(operand));
  }
  return null;
}

/** `source` with a space at each of `offsets`. */
function blanked(source: string, offsets: Iterable<number>): string {
  const chars = source.split('');
  for (const at of offsets) {
    chars[at] = ' ';
  }
  return chars.join('');
}

/** The top-level statements (or the whole ERROR root) where a parse found errors. */
function statementsWithErrors(parse: IPythonParse): IPyNode[] {
  if (parse.root.type === 'ERROR') {
    return [parse.root];
  }
  return parse.root.children.filter(statement =>
    parse.errors.some(at => statement.from <= at && at <= statement.to)
  );
}

/** The blanks after a star, before its operand (from `lastIndex`). */
const BLANKS = /[ \t\f]*/y;

/**
 * The operands (of `stars`, by where they start) that are no element of a bare tuple in the
 * parse of the source without their stars.
 */
function notBareTupleElements(
  root: IPyNode,
  stars: ReadonlyMap<number, number>
): number[] {
  const left = new Set(stars.keys());
  const visit = (node: IPyNode, parent: IPyNode | null) => {
    if (node.type === 'string') {
      // `", *"` in a string is no star: nothing to account for
      left.forEach(at => node.from <= at && at < node.to && left.delete(at));
      return;
    }
    if (
      BARE_TUPLES.has(node.type) &&
      !(parent && NOT_TUPLES.has(parent.type))
    ) {
      node.children.forEach(
        element => starOperand(element) && left.delete(element.from)
      );
    } else if (node.type === 'subscript') {
      // `a[1, *b]`: the grammar lists a tuple's elements as the subscript's own
      node.children.forEach(
        part =>
          part.field === 'subscript' &&
          starOperand(part) &&
          left.delete(part.from)
      );
    }
    for (const child of node.children) {
      if (left.size) {
        visit(child, node);
      }
    }
  };
  visit(root, null);
  return [...left];
}
