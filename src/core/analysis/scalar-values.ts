/**
 * Values that nothing changes in place: `+=` on a name bound to one binds the name again, so the
 * other names of the old value keep it (ICellNames.scalars). Numbers, strings, True, False and
 * None written out, a tuple display (whatever it holds: the tuple itself never changes), and
 * what a builtin that always gives a number, a string, a bool or another value of that kind
 * returns (`n = len(rows)`, `label = str(k)`). `round`, `abs`, `sum`, `min` and `max` are not
 * among them: on an array or a frame they give one.
 */
import { field, IPyNode } from './python-tree';

/** Literals: numbers, strings, True, False and None written out. */
export const LITERALS: readonly string[] = [
  'integer',
  'float',
  'string',
  'concatenated_string',
  'true',
  'false',
  'none'
];

const SCALAR_DISPLAYS: ReadonlySet<string> = new Set([...LITERALS, 'tuple']);

/** Builtins whose value is never one that changes in place, whatever they are given. */
const SCALAR_BUILTINS: ReadonlySet<string> = new Set([
  'len',
  'int',
  'float',
  'complex',
  'bool',
  'str',
  'bytes',
  'repr',
  'ascii',
  'format',
  'chr',
  'ord',
  'hex',
  'oct',
  'bin',
  'hash',
  'id',
  'isinstance',
  'issubclass',
  'callable',
  'hasattr',
  'tuple',
  'frozenset'
]);

/** Whether `value` is one nothing changes in place (see above). */
export function isScalarValue(
  value: IPyNode,
  text: (node: IPyNode) => string
): boolean {
  if (SCALAR_DISPLAYS.has(value.type)) {
    return true;
  }
  if (value.type === 'unary_operator') {
    const operand = field(value, 'argument'); // `-1`, `+0.5`
    return operand?.type === 'integer' || operand?.type === 'float';
  }
  const callee = value.type === 'call' ? field(value, 'function') : null;
  return callee?.type === 'identifier' && SCALAR_BUILTINS.has(text(callee));
}
