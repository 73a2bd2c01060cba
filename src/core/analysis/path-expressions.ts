/**
 * The paths a cell builds, as far as they can be followed without running it: string literals,
 * `os.path.join(DATA, "x.csv")`, `Path(DATA) / "x.csv"`, `DATA.joinpath("x.csv")`,
 * `f"{DATA}/x.csv"`, `DATA + "x.csv"`, `str(…)`. A path is a list of parts: text, names (which
 * the IR resolves where a shared cell binds them to a path), and the joins between path
 * components. Any other expression inside (a call, a subscript, a conditional, an f-string's
 * format) means the path cannot be followed.
 */
import { dottedName } from './dotted-names';
import { field, IPyNode } from './python-tree';

/** Between two path components, as `os.path.join` and pathlib's `/` put them. */
export const JOIN = Object.freeze({ join: true as const });

export type PathPart = string | { readonly name: string } | typeof JOIN;

/** Calls that join their arguments into one path. */
const JOINERS = new Set([
  'join', // from os.path import join
  'os.path.join',
  'path.join',
  'posixpath.join',
  'Path',
  'pathlib.Path',
  'PurePath',
  'PosixPath',
  'PurePosixPath'
]);
/** String prefixes whose text is followed: not bytes. */
const PREFIXES = new Set(['', 'r', 'u', 'f', 'fr', 'rf']);
/** Calls that give their one argument's path back as it is. */
const SAME_PATH = new Set(['str', 'os.fspath', 'fspath']);

/** A file's extension at the end of a path (`.csv`, `.keras`). */
const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,7}$/;

/** Whether `path` ends in a file's extension, as a file's name does and a folder's most often not. */
export function endsInExtension(path: string): boolean {
  return EXTENSION.test(path);
}

/** The parts of the path `node` builds, or null where it builds none that can be followed. */
export function pathParts(python: string, node: IPyNode): PathPart[] | null {
  switch (node.type) {
    case 'string':
      return stringParts(python, node);
    case 'concatenated_string':
      return concatenated(python, node.children);
    case 'identifier':
      return [{ name: python.slice(node.from, node.to) }];
    case 'parenthesized_expression': {
      const inner = node.children.filter(c => c.named);
      return inner.length === 1 ? pathParts(python, inner[0]) : null;
    }
    case 'binary_operator': {
      const operator = field(node, 'operator');
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) {
        return null;
      }
      const op = operator ? python.slice(operator.from, operator.to) : '';
      if (op === '/') {
        return joined(python, [left, right]);
      }
      return op === '+' ? concatenated(python, [left, right]) : null;
    }
    case 'call':
      return callParts(python, node);
    default:
      return null;
  }
}

/**
 * The path the parts make, with each name's path from `valueOf`; null where a name has none.
 * A component that starts with `/` starts the path again, as in `os.path.join`; `//` and `./`
 * are tidied away, so that two spellings of one file compare equal.
 */
export function resolvePath(
  parts: readonly PathPart[],
  valueOf: (name: string) => string | undefined
): string | null {
  let path = '';
  let component = '';
  const endComponent = () => {
    if (component.startsWith('/') || !path) {
      path = component;
    } else if (component) {
      path = `${path}/${component}`;
    }
    component = '';
  };
  for (const part of parts) {
    if (part === JOIN) {
      endComponent();
    } else if (typeof part === 'string') {
      component += part;
    } else {
      const value = valueOf((part as { name: string }).name);
      if (value === undefined) {
        return null;
      }
      component += value;
    }
  }
  endComponent();
  return tidy(path);
}

function tidy(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    return path; // a URL: `file-names.ts` leaves it out
  }
  const tidied = path
    .replace(/\/{2,}/g, '/')
    .replace(/(^|\/)(\.\/)+/g, '$1')
    .replace(/\/\.$/, '');
  return tidied;
}

function joined(python: string, nodes: readonly IPyNode[]): PathPart[] | null {
  const parts: PathPart[] = [];
  for (const node of nodes) {
    const own = pathParts(python, node);
    if (!own) {
      return null;
    }
    if (parts.length) {
      parts.push(JOIN);
    }
    parts.push(...own);
  }
  return parts.length ? parts : null;
}

function concatenated(
  python: string,
  nodes: readonly IPyNode[]
): PathPart[] | null {
  const parts: PathPart[] = [];
  for (const node of nodes) {
    const own = pathParts(python, node);
    if (!own) {
      return null;
    }
    parts.push(...own);
  }
  return parts;
}

function callParts(python: string, call: IPyNode): PathPart[] | null {
  const callee = field(call, 'function');
  const args = field(call, 'arguments');
  if (!callee || args?.type !== 'argument_list') {
    return null;
  }
  const values = args.children.filter(c => c.named);
  if (
    values.some(v => v.type === 'keyword_argument' || v.type.endsWith('splat'))
  ) {
    return null;
  }
  const name = dottedName(callee, node => python.slice(node.from, node.to));
  if (name !== null && JOINERS.has(name)) {
    return joined(python, values);
  }
  if (name !== null && SAME_PATH.has(name)) {
    return values.length === 1 ? pathParts(python, values[0]) : null;
  }
  // `DATA.joinpath("x.csv")`
  if (callee.type === 'attribute') {
    const method = field(callee, 'attribute');
    const receiver = field(callee, 'object');
    if (
      receiver &&
      method &&
      python.slice(method.from, method.to) === 'joinpath'
    ) {
      return joined(python, [receiver, ...values]);
    }
  }
  return null;
}

/**
 * A string literal's parts: its text (an `r` or `u` prefix allowed), and in an f-string each
 * `{name}`. Bytes, escapes outside a raw string, and any other replacement field (an
 * expression, a conversion, a format) are not followed.
 */
function stringParts(python: string, node: IPyNode): PathPart[] | null {
  const text = python.slice(node.from, node.to);
  const opening = /^([a-zA-Z]{0,2})('''|"""|'|")/.exec(text);
  const prefix = opening?.[1].toLowerCase() ?? '';
  if (!opening || !text.endsWith(opening[2]) || !PREFIXES.has(prefix)) {
    return null;
  }
  const raw = prefix.includes('r');
  const formatted = prefix.includes('f');
  const parts: PathPart[] = [];
  let at = node.from + opening[0].length;
  const end = node.to - opening[2].length;
  const addText = (to: number): boolean => {
    let piece = python.slice(at, to);
    if (!raw && piece.includes('\\')) {
      return false;
    }
    if (formatted) {
      piece = piece.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    }
    if (piece) {
      parts.push(piece);
    }
    return true;
  };
  for (const child of node.children) {
    if (child.type !== 'interpolation') {
      continue;
    }
    // Only `{name}`: not `{name!r}`, `{name:>8}`, `{name=}` or an expression.
    const field = /^\{\s*([\p{L}_][\p{L}\p{N}_]*)\s*\}$/u.exec(
      python.slice(child.from, child.to)
    );
    if (!addText(child.from) || !field) {
      return null;
    }
    parts.push({ name: field[1] });
    at = child.to;
  }
  return addText(end) ? parts : null;
}
