/**
 * Models saved to and loaded from a folder: TensorFlow's SavedModel (`model.save("my_model")`
 * before Keras 3, `tf.saved_model.save(model, "export")`, `tf.keras.models.load_model(
 * "my_model")`, `tf.saved_model.load("export")`) and MLflow's saved models
 * (`mlflow.sklearn.save_model(model, "model")`, `mlflow.pyfunc.load_model("model")`). The same
 * calls given a file's name (`model.save("model.keras")`, `load_model("model.h5")`) save or load
 * a file, and are followed as files are (file-names.ts): here only a path that ends in a name
 * with no extension written out is a folder.
 */
import { callArgument } from './call-arguments';
import { dottedName, lastName } from './dotted-names';
import { endsInExtension, pathParts } from './path-expressions';
import { IPyNode } from './python-tree';

interface IModelCall {
  /** The positional index of the path, and its keywords. */
  at: number;
  keywords: readonly string[];
  writes: boolean;
}

/** By the callee's last name, or its last two (`saved_model.save`), which win. */
const MODEL_CALLS: ReadonlyMap<string, IModelCall> = new Map([
  ['save', { at: 0, keywords: ['filepath'], writes: true }],
  ['save_model', { at: 1, keywords: ['filepath', 'path'], writes: true }],
  ['saved_model.save', { at: 1, keywords: ['export_dir'], writes: true }],
  ['load_model', { at: 0, keywords: ['filepath', 'model_uri'], writes: false }],
  ['saved_model.load', { at: 0, keywords: ['export_dir'], writes: false }]
]);

/** The last names of MODEL_CALLS' keys. */
const LAST_NAMES: ReadonlySet<string> = new Set(
  [...MODEL_CALLS.keys()].map(key => key.slice(key.lastIndexOf('.') + 1))
);

/**
 * The path argument where `call` saves or loads a model as a folder, and whether it writes it;
 * else null (no such call, or its path ends in a file's name, or in a name whose value it is).
 */
export function modelFolder(
  python: string,
  callee: IPyNode,
  args: IPyNode
): { path: IPyNode; writes: boolean } | null {
  const text = (node: IPyNode) => python.slice(node.from, node.to);
  const name = lastName(callee);
  if (!name || !LAST_NAMES.has(text(name))) {
    return null; // most calls: no dotted name built
  }
  const dotted = dottedName(callee, text);
  const last = dotted?.split('.').slice(-2) ?? [];
  const found =
    MODEL_CALLS.get(last.join('.')) ?? MODEL_CALLS.get(last[last.length - 1]);
  if (!found) {
    return null;
  }
  const path = callArgument(args, found.at, found.keywords, text);
  const parts = path ? pathParts(python, path) : null;
  const end = parts?.[parts.length - 1];
  // `model.keras/` is still a file's name
  return path &&
    typeof end === 'string' &&
    !endsInExtension(end.replace(/\/$/, ''))
    ? { path, writes: found.writes }
    : null;
}
