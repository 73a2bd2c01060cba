/**
 * Names bound at run time through the module's namespace: `globals()['alpha'] = 1`,
 * `globals().update(beta=2)`, `exec('gamma = 3')`. A literal name is a binding the analysis can
 * follow like `alpha = 1`; anything else binds names no static analysis can know.
 */
import { field, IPyNode, namedChildren } from './python-tree';
import { pythonName } from './python-name';

/** `globals()` (or `vars()`, which is the same at module level), called with no argument. */
export function isGlobalsCall(
  node: IPyNode | null,
  text: (node: IPyNode) => string
): boolean {
  if (node?.type !== 'call') {
    return false;
  }
  const callee = field(node, 'function');
  const args = field(node, 'arguments');
  return (
    callee?.type === 'identifier' &&
    (text(callee) === 'globals' || text(callee) === 'vars') &&
    args?.type === 'argument_list' &&
    namedChildren(args).length === 0
  );
}

const IDENTIFIER_LITERAL =
  /^(['"])([\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)\1$/u;

/** The identifier a plain string literal spells (`'alpha'`), or null. */
export function literalIdentifier(
  node: IPyNode | null,
  text: (node: IPyNode) => string
): string | null {
  if (node?.type !== 'string') {
    return null;
  }
  const spelled = IDENTIFIER_LITERAL.exec(text(node))?.[2];
  return spelled === undefined ? null : pythonName(spelled);
}

/**
 * The names `globals().update(…)` binds, when its arguments spell them all (keywords, or one
 * dict display with literal keys); null when some name is computed.
 */
export function updatedNames(
  args: IPyNode,
  text: (node: IPyNode) => string
): string[] | null {
  const names: string[] = [];
  for (const arg of namedChildren(args)) {
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      if (!name) {
        return null;
      }
      names.push(text(name));
    } else if (arg.type === 'dictionary') {
      for (const pair of namedChildren(arg)) {
        const key =
          pair.type === 'pair'
            ? literalIdentifier(field(pair, 'key'), text)
            : null;
        if (key === null) {
          return null;
        }
        names.push(key);
      }
    } else {
      return null;
    }
  }
  return names;
}
