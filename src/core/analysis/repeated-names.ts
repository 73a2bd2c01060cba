/**
 * A name given twice where CPython's compiler refuses it though the grammar takes it: a
 * parameter (`def f(a, a)`, "duplicate argument 'a' in function definition") and a keyword
 * argument (`f(a=1, a=2)`, "keyword argument repeated: a"). CPython reports the second one's
 * line. Both checks run as the walker reaches the list (no pass of their own) and make no set
 * for a list of fewer than two names.
 */
import { field, IPyNode } from './python-tree';

type Text = (node: IPyNode) => string;

/** What CPython says of a name that is given twice. */
export const repeatedParameterMessage = (name: string): string =>
  `duplicate argument '${name}' in function definition`;
export const repeatedKeywordMessage = (name: string): string =>
  `keyword argument repeated: ${name}`;

/** The second of two parameters of one name in a `def`'s or a lambda's list, or null. */
export function repeatedParameter(params: IPyNode, text: Text): IPyNode | null {
  return secondOf(params.children, parameterName, text);
}

/** The name of a keyword argument given a second time in an argument list, or null. */
export function repeatedKeyword(args: IPyNode, text: Text): IPyNode | null {
  return secondOf(
    args.children,
    arg => (arg.type === 'keyword_argument' ? field(arg, 'name') : null),
    text
  );
}

function secondOf(
  items: readonly IPyNode[],
  nameOf: (item: IPyNode) => IPyNode | null,
  text: Text
): IPyNode | null {
  let first: IPyNode | null = null;
  let seen: Set<string> | null = null;
  for (const item of items) {
    const name = nameOf(item);
    if (!name) {
      continue;
    }
    if (!first) {
      first = name;
      continue;
    }
    seen ??= new Set([text(first)]);
    const spelled = text(name);
    if (seen.has(spelled)) {
      return name;
    }
    seen.add(spelled);
  }
  return null;
}

/** The identifier a parameter binds: `a`, `*a`, `**a`, `a: T`, `a=1`, `a: T = 1`. */
function parameterName(param: IPyNode): IPyNode | null {
  switch (param.type) {
    case 'identifier':
      return param;
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return param.children.find(c => c.type === 'identifier') ?? null;
    case 'typed_parameter': {
      const declared = param.children.find(c => c.named) ?? null;
      return declared && declared.type !== 'identifier'
        ? parameterName(declared)
        : declared;
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = field(param, 'name');
      return name?.type === 'identifier' ? name : null;
    }
    default:
      return null;
  }
}
