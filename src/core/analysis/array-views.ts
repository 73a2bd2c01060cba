/**
 * `v = x[:2]`, `row = grid[1:, 0]`, `last = x[..., -1]`, `m = x.reshape(2, 2)`: basic slicing and
 * the methods that reshape without copying. On a NumPy array they give a view of the array's
 * memory, so a change through `v` (`v[0] = 5`, `v *= 2`) changes `x`; on a list a slice is a
 * copy (and a list has no `reshape`). The cell records the views it binds (ICellNames.views) and
 * what dotted calls made its names (ICellNames.madeByDotted); the IR ties a view to its array
 * only where a NumPy call made the array (ir/array-views.ts). A list of keys or a mask
 * (`x[[0, 2]]`, `x[x > 0]`) copies on an array too, and a name as a key may do either.
 *
 * NumPy's functions of the same name give views too (`np.reshape(x, (2, 2))`), and `np.asarray(x)`
 * and `np.asanyarray(x)` give `x` itself where it is an array: the IR ties those only where the
 * function is NumPy's as well (`functionViews`).
 */
import { callArgument } from './call-arguments';
import { lastName } from './dotted-names';
import { field, IPyNode } from './python-tree';

/** Keys basic slicing may have beside its slices: an index written out, `...`, `None`. */
const BASIC_KEYS: ReadonlySet<string> = new Set([
  'slice',
  'ellipsis',
  'none',
  'integer',
  'unary_operator'
]);

/**
 * NumPy's methods that give a view of the same memory: `reshape` and `ravel` where the layout
 * allows (always, for an array just made), `view`, `transpose`, `swapaxes`, `squeeze`.
 */
const VIEW_METHODS: ReadonlySet<string> = new Set([
  'reshape',
  'ravel',
  'view',
  'transpose',
  'swapaxes',
  'squeeze'
]);

/** NumPy's functions that give a view of the array they are given first. */
const VIEW_FUNCTIONS: ReadonlySet<string> = new Set([
  'reshape',
  'ravel',
  'transpose',
  'swapaxes',
  'squeeze',
  'expand_dims',
  'moveaxis'
]);

/**
 * NumPy's functions that give back the very array they are given, where they are given nothing
 * else (with a dtype or an order they may copy it).
 */
const SAME_ARRAY_FUNCTIONS: ReadonlySet<string> = new Set([
  'asarray',
  'asanyarray'
]);

/**
 * The name a call of one of NumPy's view functions is given first (`x` of `np.reshape(x, 4)`,
 * of `asarray(x)`), whoever's function it is: the caller checks that it is NumPy's.
 */
export function viewedThroughFunction(
  value: IPyNode,
  text: (node: IPyNode) => string
): IPyNode | null {
  if (value.type !== 'call') {
    return null;
  }
  const callee = field(value, 'function');
  const name = callee ? lastName(callee) : null;
  const args = field(value, 'arguments');
  if (name === null || args?.type !== 'argument_list') {
    return null;
  }
  const called = text(name);
  const alone = args.children.filter(c => c.named).length === 1;
  if (
    !VIEW_FUNCTIONS.has(called) &&
    !(SAME_ARRAY_FUNCTIONS.has(called) && alone)
  ) {
    return null;
  }
  const array = callArgument(args, 0, ['a'], text);
  return array?.type === 'identifier' ? array : null;
}

/**
 * The name `value` is a view of, where it is basic slicing with a slice or `...` (`x` of
 * `x[:2]`) or a view method called on a name (`x.reshape(2, 2)`).
 */
export function viewedName(
  value: IPyNode,
  text: (node: IPyNode) => string
): IPyNode | null {
  if (value.type === 'call') {
    const callee = field(value, 'function');
    const object =
      callee?.type === 'attribute' ? field(callee, 'object') : null;
    const method = callee ? field(callee, 'attribute') : null;
    return object?.type === 'identifier' &&
      method &&
      VIEW_METHODS.has(text(method))
      ? object
      : null;
  }
  if (value.type !== 'subscript') {
    return null;
  }
  const whole = field(value, 'value');
  if (whole?.type !== 'identifier') {
    return null;
  }
  let slices = 0;
  for (const c of value.children) {
    if (c.field !== 'subscript') {
      continue;
    }
    if (!BASIC_KEYS.has(c.type)) {
      return null;
    }
    if (
      c.type === 'unary_operator' &&
      field(c, 'argument')?.type !== 'integer'
    ) {
      return null;
    }
    if (c.type === 'slice' || c.type === 'ellipsis') {
      slices++;
    }
  }
  return slices ? whole : null;
}
