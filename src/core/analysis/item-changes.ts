/**
 * Whether a change in place reaches an item of the name it changes rather than the name's own
 * object: `combine[0]["w"] = 5` and `combine[0].fillna(0, inplace=True)` change what `combine[0]`
 * is (a frame that another name may be, ICellNames.itemChanges), where `combine[0] = x` and
 * `combine.append(x)` change only the list.
 */
import { IPyNode } from './python-tree';

/**
 * `changed` is an assignment's target (`target`) or a changing method's receiver, and `root` the
 * name it changes (changedRoot): true where the name is read by a key, and that item is changed
 * further down the chain (a target) or is itself the receiver.
 */
export function changesAnItem(
  changed: IPyNode,
  root: IPyNode,
  target: boolean
): boolean {
  let link: IPyNode = changed;
  for (;;) {
    if (link.type !== 'attribute' && link.type !== 'subscript') {
      return false;
    }
    const inner = link.children[0];
    if (inner === root) {
      return link.type === 'subscript' && (link !== changed || !target);
    }
    if (!inner) {
      return false;
    }
    link = inner;
  }
}
