/**
 * `params = cfg["model"]`, `rows = data.rows`: the value is a part of another name's object (an
 * item or an attribute of it), the same object as that part, so changing it in place
 * (`params["lr"] = 0.1`) changes the whole. Only items taken by one literal key count: a string
 * or a number. A name as the key is most often a list of columns (`X = df[features]`, a copy),
 * and a slice, a list of keys or a mask (`arr[1:3]`, `df[["a", "b"]]`, `df[df.x > 0]`) most
 * often a copy too; a call (`df.dropna()`, `cfg.get("model")`) may return a new object.
 */
import { field, IPyNode } from './python-tree';

/** Keys an item taken as a part may have. */
const PLAIN_KEYS: ReadonlySet<string> = new Set([
  'string',
  'concatenated_string',
  'integer',
  'unary_operator'
]);

/** The name whose object `value` is a part of, or null when it is no part of one. */
export function wholeOfPart(value: IPyNode): IPyNode | null {
  if (value.type !== 'subscript' && value.type !== 'attribute') {
    return null;
  }
  let at: IPyNode | null = value;
  while (at && (at.type === 'subscript' || at.type === 'attribute')) {
    if (at.type === 'subscript' && !hasOnePlainKey(at)) {
      return null;
    }
    at = field(at, at.type === 'subscript' ? 'value' : 'object');
  }
  return at?.type === 'identifier' ? at : null;
}

function hasOnePlainKey(subscript: IPyNode): boolean {
  let keys = 0;
  let plain = true;
  for (const c of subscript.children) {
    if (c.field === 'subscript') {
      keys++;
      plain &&= PLAIN_KEYS.has(c.type) && plainUnary(c);
    }
  }
  return keys === 1 && plain;
}

/** `-1` is a plain key; `-x`, `~mask` are not. */
function plainUnary(key: IPyNode): boolean {
  if (key.type !== 'unary_operator') {
    return true;
  }
  return field(key, 'argument')?.type === 'integer';
}
