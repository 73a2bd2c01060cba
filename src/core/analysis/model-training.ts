/**
 * Calls that train a model through another object: an optimizer made from the model's
 * parameters, a TensorFlow optimizer given its variables, a Lightning trainer given the model,
 * a mixed-precision scaler given the optimizer.
 */
import { memberRoot } from './name-recorder';
import { field, IPyNode } from './python-tree';

/**
 * Methods that give an object's own parameters, not copies: an optimizer made from them
 * (`opt = torch.optim.SGD(model.parameters(), lr=0.1)`) holds `model`'s tensors, and its
 * `opt.step()` changes `model`.
 */
const PARAMETER_VIEWS: ReadonlySet<string> = new Set([
  'parameters',
  'named_parameters'
]);

/**
 * The names whose parameters a call's arguments give, at any depth (`model.parameters()`,
 * `[{"params": net.head.parameters()}]`, `filter(…, model.parameters())`): `model`, `net`.
 */
export function parameterOwners(
  args: IPyNode,
  text: (node: IPyNode) => string
): string[] {
  return ownersIn(args, node => {
    const callee = node.type === 'call' ? field(node, 'function') : null;
    const method =
      callee?.type === 'attribute' ? field(callee, 'attribute') : null;
    return method && PARAMETER_VIEWS.has(text(method))
      ? field(callee!, 'object')
      : null;
  }).map(text);
}

/**
 * Optimizer methods that update the variables they are given in place: TensorFlow's
 * `opt.apply_gradients(zip(grads, model.trainable_variables))` and `opt.minimize(loss,
 * var_list=model.trainable_variables)` change `model` (and the optimizer's own state).
 */
export const VARIABLE_UPDATES: ReadonlySet<string> = new Set([
  'apply_gradients',
  'minimize'
]);

/** Attributes that give a Keras model's or layer's own variables. */
const VARIABLE_VIEWS: ReadonlySet<string> = new Set([
  'trainable_variables',
  'trainable_weights',
  'variables',
  'weights'
]);

/** The root names of the variables a call's arguments give, at any depth: `model` above. */
export function variableOwners(
  args: IPyNode,
  text: (node: IPyNode) => string
): IPyNode[] {
  return ownersIn(args, node => {
    const attribute =
      node.type === 'attribute' ? field(node, 'attribute') : null;
    return attribute && VARIABLE_VIEWS.has(text(attribute))
      ? field(node, 'object')
      : null;
  });
}

/** The root names of the objects `owner` finds in `args` or below. */
function ownersIn(
  args: IPyNode,
  owner: (node: IPyNode) => IPyNode | null
): IPyNode[] {
  const roots: IPyNode[] = [];
  const pending = [args];
  while (pending.length) {
    const node = pending.pop()!;
    const object = owner(node);
    const root = object && memberRoot(object);
    if (root) {
      roots.push(root);
    }
    pending.push(...node.children);
  }
  return roots;
}

/**
 * PyTorch Lightning's trainer (`trainer = pl.Trainer(…)`): its `trainer.fit(model, …)` trains
 * the model it is given in place, where scikit-learn's `model.fit(X, y)` changes the receiver.
 * Told by the trainer's binding in the same cell, or by a keyword only Lightning's fit takes.
 */
export const TRAINER_MAKERS: ReadonlySet<string> = new Set(['Trainer']);

/** The methods of a Lightning trainer that train the model they are given. */
export const TRAINER_FITS: ReadonlySet<string> = new Set(['fit']);

/** Keywords of Lightning's `Trainer.fit` that scikit-learn's `fit` does not take. */
export const TRAINER_FIT_KEYWORDS: ReadonlySet<string> = new Set([
  'datamodule',
  'train_dataloaders',
  'val_dataloaders',
  'ckpt_path'
]);

/**
 * Methods that step the optimizer they are given: PyTorch's mixed-precision
 * `scaler.step(optimizer)` runs `optimizer.step()` (so it changes the optimizer, and the model
 * the optimizer holds). A `step` given something else (`env.step(action)`) costs a save more.
 */
export const OPTIMIZER_STEPPERS: ReadonlySet<string> = new Set(['step']);
