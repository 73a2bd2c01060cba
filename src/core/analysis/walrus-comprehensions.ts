/**
 * Assignment expressions (`:=`) in comprehensions where CPython's symbol table refuses them
 * though the grammar takes them, with CPython 3.11's message:
 * - anywhere inside a comprehension's iterable, a lambda's or a nested comprehension's there
 *   too (`[x for x in (y := data)]`): "assignment expression cannot be used in a comprehension
 *   iterable expression";
 * - binding an iteration variable of the comprehension or of one around it
 *   (`[i := 0 for i in x]`): "assignment expression cannot rebind comprehension iteration
 *   variable 'i'", and the other way round, a later `for` binding a name an earlier `:=` of the
 *   comprehension bound: "comprehension inner loop cannot rebind assignment expression target
 *   'j'";
 * - in a comprehension directly in a class body: "assignment expression within a comprehension
 *   cannot be used in a class body".
 * CPython reads a comprehension's clauses before its element, and so does this; it reports the
 * first error in that order. A lambda or
 * `def` body is a function of its own. Only cells that say `:=` are read.
 */
import { ICompileError } from './compile-error';
import { field, IPyNode } from './python-tree';

const WALRUS = ':=';

const COMPREHENSIONS = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression'
]);

/** One comprehension being read: its iteration variables, and the names its `:=` bind. */
interface IComprehension {
  variables: Set<string>;
  bound: Set<string>;
}

/** Where a node stands. */
interface IPlace {
  /** The comprehensions around it, innermost last, up to a function's or class's body. */
  comprehensions: IComprehension[];
  /** Whether the body those comprehensions are in is a class's. */
  inClass: boolean;
  /** Whether it is inside a comprehension's iterable. */
  inIterable: boolean;
}

export function walrusComprehensionErrors(
  root: IPyNode,
  source: string
): ICompileError[] {
  if (!source.includes(WALRUS)) {
    return [];
  }
  const errors: ICompileError[] = [];
  const text = (node: IPyNode) => source.slice(node.from, node.to);
  const visit = (node: IPyNode, place: IPlace): void => {
    if (node.type === 'named_expression') {
      const target = field(node, 'name');
      if (target?.type === 'identifier') {
        const error = walrusError(text(target), place);
        if (error) {
          errors.push({ offset: target.from, reason: error });
        }
      }
    } else if (COMPREHENSIONS.has(node.type)) {
      comprehension(node, place);
      return;
    } else if (
      node.type === 'lambda' ||
      node.type === 'function_definition' ||
      node.type === 'class_definition'
    ) {
      const inner: IPlace = {
        comprehensions: [],
        inClass: node.type === 'class_definition',
        inIterable: place.inIterable
      };
      node.children.forEach(child =>
        visit(child, child.field === 'body' ? inner : place)
      );
      return;
    }
    node.children.forEach(child => visit(child, place));
  };
  /** The clauses in order (iterables, targets, conditions), then the element. */
  const comprehension = (node: IPyNode, place: IPlace): void => {
    const own: IComprehension = { variables: new Set(), bound: new Set() };
    const inside: IPlace = {
      ...place,
      comprehensions: [...place.comprehensions, own]
    };
    let first = true;
    for (const clause of node.children) {
      if (clause.type === 'for_in_clause') {
        // the first iterable before the first target; each later one after its target
        const iterable = () =>
          clause.children.forEach(
            part =>
              part.field === 'right' &&
              visit(part, { ...inside, inIterable: true })
          );
        if (first) {
          iterable();
        }
        for (const part of clause.children) {
          if (part.field === 'left') {
            targetNames(part, text).forEach(([name, at]) => {
              if (own.bound.has(name)) {
                errors.push({
                  offset: at,
                  reason: `comprehension inner loop cannot rebind assignment expression target '${name}'`
                });
              }
              own.variables.add(name);
            });
          }
        }
        if (!first) {
          iterable();
        }
        first = false;
      } else if (clause.field !== 'body') {
        visit(clause, inside);
      }
    }
    const body = field(node, 'body');
    if (body) {
      visit(body, inside);
    }
  };
  /** What CPython says of `:=` binding `name` where `place` is, or null. */
  const walrusError = (name: string, place: IPlace): string | null => {
    if (place.inIterable) {
      return 'assignment expression cannot be used in a comprehension iterable expression';
    }
    const { comprehensions } = place;
    if (!comprehensions.length) {
      return null;
    }
    if (comprehensions.some(c => c.variables.has(name))) {
      return `assignment expression cannot rebind comprehension iteration variable '${name}'`;
    }
    if (place.inClass) {
      return 'assignment expression within a comprehension cannot be used in a class body';
    }
    comprehensions[comprehensions.length - 1].bound.add(name);
    return null;
  };
  visit(root, { comprehensions: [], inClass: false, inIterable: false });
  // CPython stops at the first, in the order read here (not always the leftmost)
  return errors.slice(0, 1);
}

/** The names a `for` target binds, with where each is written (`a, (b, *c)`; not `a.b`). */
function targetNames(
  target: IPyNode,
  text: (node: IPyNode) => string
): [string, number][] {
  if (target.type === 'identifier') {
    return [[text(target), target.from]];
  }
  if (target.type === 'attribute' || target.type === 'subscript') {
    return [];
  }
  return target.children.flatMap(child => targetNames(child, text));
}
