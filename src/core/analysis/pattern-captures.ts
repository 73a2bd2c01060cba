/**
 * The names a `case` pattern binds, and what CPython's compiler refuses about them: a name bound
 * twice in one pattern (`[x, x]`, `[x] as x`), alternatives of an or-pattern that bind different
 * names (`[x] | [y]`, `1 | x`), and `_` as the target of `as`. Names compare as CPython compares
 * them, after NFKC normalization (`ﬁ` is `fi`).
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

/** The errors of one case pattern (the first one found: CPython stops there too). */
export function patternCaptureErrors(
  pattern: IPyNode,
  source: string
): ICompileError[] {
  const found: ICompileError[] = [];
  bound(pattern, source, found);
  return found.slice(0, 1);
}

/** The names `node` binds, in order; errors go to `found`. */
function bound(
  node: IPyNode,
  source: string,
  found: ICompileError[]
): string[] {
  const text = (n: IPyNode) => pythonName(source.slice(n.from, n.to));
  switch (node.type) {
    case 'dotted_name': {
      // one name is a capture; a dotted one (`Color.RED`) is a value
      const parts = node.children.filter(c => c.type === 'identifier');
      return parts.length === 1 ? [text(parts[0])] : [];
    }
    case 'splat_pattern':
    case 'as_pattern': {
      const names: string[] = [];
      for (const child of node.children) {
        if (child.type === 'identifier') {
          if (node.type === 'as_pattern' && text(child) === '_') {
            found.push({
              offset: child.from,
              reason: "cannot use '_' as a target"
            });
          }
          names.push(text(child));
        } else if (child.named) {
          names.push(...bound(child, source, found));
        }
      }
      return unique(names, node, found);
    }
    case 'union_pattern': {
      const alternatives = node.children.filter(c => c.named);
      const sets = alternatives.map(a => bound(a, source, found));
      const first = [...sets[0]].sort().join(' ');
      if (sets.some(names => [...names].sort().join(' ') !== first)) {
        found.push({
          offset: node.from,
          reason: 'alternative patterns bind different names'
        });
      }
      return sets[0];
    }
    case 'class_pattern': {
      // its first part names the class
      const names = node.children
        .filter(c => c.named)
        .slice(1)
        .flatMap(c => bound(c, source, found));
      return unique(names, node, found);
    }
    case 'keyword_pattern':
      // `name=pattern`: the name is an attribute, not a binding
      return node.children
        .filter(c => c.named && c.type !== 'identifier')
        .flatMap(c => bound(c, source, found));
    default: {
      if (node.field === 'key') {
        return [];
      }
      const names = node.children
        .filter(c => c.named && c.field !== 'key')
        .flatMap(c => bound(c, source, found));
      return unique(names, node, found);
    }
  }
}

/** `names`, having reported the first one bound twice. */
function unique(
  names: string[],
  node: IPyNode,
  found: ICompileError[]
): string[] {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      found.push({
        offset: node.from,
        reason: `multiple assignments to name '${name}' in pattern`
      });
      break;
    }
    seen.add(name);
  }
  return names;
}

/** A name as CPython stores it: NFKC-normalized when not ASCII. */
function pythonName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKC');
}
