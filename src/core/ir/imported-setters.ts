/**
 * A module's setter imported by its own name and called bare: `from sklearn import set_config`
 * then `set_config(transform_output="pandas")`, `from warnings import filterwarnings`. The call
 * changes state kept in the module it came from (module-state.ts) as `sklearn.set_config(…)`
 * would.
 */
import { MODULE_STATE_SETTERS } from '../analysis/mutators';

/** Whether `name`, bound by an import, is one of a module's setters. */
export function isImportedSetter(name: string): boolean {
  return MODULE_STATE_SETTERS.has(name);
}

/** Whether a line calls the setter `name` bare (not as another object's method). */
export function callsSetter(line: string, name: string): boolean {
  // A Python name has no character a regular expression treats specially.
  return new RegExp(`(^|[^\\w.])${name}\\s*\\(`, 'u').test(line);
}

/**
 * The module a `from … import` of `name` in these sources names (`sklearn`), or `name` itself
 * when none does (it was bound another way).
 */
export function setterModule(name: string, sources: readonly string[]): string {
  const from = new RegExp(
    `^\\s*from\\s+([\\w.]+)\\s+import\\s+(?:\\([^)]*|[^#\\n]*)\\b${name}\\b(?!\\s+as\\b)`,
    'mu'
  );
  for (const source of sources) {
    const found = from.exec(source);
    if (found) {
      return found[1];
    }
  }
  return name;
}
