/**
 * The parameters a class's `__init__` keeps whole on the instance (`self.items = items`): an
 * instance made with `Holder(xs)` holds `xs`, so a method that changes `self.items` changes `xs`,
 * as a scikit-learn Pipeline's fit changes the estimators it was given (holders.ts). Statements
 * in a nested function or class do not count, nor a value made from the parameter
 * (`self.items = list(items)` keeps a copy).
 */
import { IHeldArgument } from './cell-names';
import { field, IPyNode } from './python-tree';
import { OWN_BODIES } from './own-bodies';

export function storedParameters(
  body: IPyNode,
  self: string,
  list: { parameters: string[]; positional: number; rest?: string },
  text: (node: IPyNode) => string
): IHeldArgument[] {
  // after `self`: the arguments a call of the class gives (`*items` is a tuple made anew)
  const given = list.parameters.slice(1).filter(p => p !== list.rest);
  const positional = Math.max(0, list.positional - 1);
  const stored = new Set<string>();
  const visit = (node: IPyNode): void => {
    for (const child of node.children) {
      if (child.type === 'assignment') {
        const target = field(child, 'left');
        const value = field(child, 'right');
        const object =
          target?.type === 'attribute' ? field(target, 'object') : null;
        if (
          object?.type === 'identifier' &&
          text(object) === self &&
          value?.type === 'identifier' &&
          given.includes(text(value))
        ) {
          stored.add(text(value));
        }
      } else if (!OWN_BODIES.has(child.type)) {
        visit(child);
      }
    }
  };
  visit(body);
  return given
    .map((parameter, index) => ({
      parameter,
      position: index < positional ? index : null
    }))
    .filter(held => stored.has(held.parameter));
}
