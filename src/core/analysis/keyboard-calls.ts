/**
 * Calls that wait for someone at a keyboard: `input()` and `getpass()` for an answer,
 * `breakpoint()` and `pdb.set_trace()` for debugger commands. A pipeline step runs with no one
 * to type (its standard input is empty), so such a call fails there: `EOFError`, or `BdbQuit`.
 */
import { field, IPyNode } from './python-tree';

/** Bare names called for an answer or a debugger (`from getpass import getpass` for the last). */
const KEYBOARD_FUNCTIONS: ReadonlySet<string> = new Set([
  'input',
  'breakpoint',
  'getpass'
]);

/** `module.function` calls, by module: `pdb.set_trace()`, `getpass.getpass()`. */
const KEYBOARD_MODULE_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['pdb', 'set_trace'],
  ['ipdb', 'set_trace'],
  ['getpass', 'getpass']
]);

/**
 * The callee as written where `callee` (a call's `function`) waits for a keyboard, else null.
 * `local(name)`: the name is bound in the function around the call (then not the builtin, nor
 * the module).
 */
export function keyboardCallee(
  callee: IPyNode,
  text: (node: IPyNode) => string,
  local: (name: string) => boolean
): string | null {
  if (callee.type === 'identifier') {
    const name = text(callee);
    return KEYBOARD_FUNCTIONS.has(name) && !local(name) ? name : null;
  }
  if (callee.type !== 'attribute') {
    return null;
  }
  const module = field(callee, 'object');
  const method = field(callee, 'attribute');
  if (module?.type !== 'identifier' || !method) {
    return null;
  }
  const name = text(module);
  return KEYBOARD_MODULE_FUNCTIONS.get(name) === text(method) && !local(name)
    ? `${name}.${text(method)}`
    : null;
}

/**
 * `dotted` where an import binds a name to a keyboard function under another name
 * (`from getpass import getpass as ask`: `getpass.getpass`; see ICellNames.importSources), else
 * null.
 */
export function keyboardImport(dotted: string): string | null {
  const at = dotted.lastIndexOf('.');
  return at > 0 &&
    KEYBOARD_MODULE_FUNCTIONS.get(dotted.slice(0, at)) === dotted.slice(at + 1)
    ? dotted
    : null;
}

/** What the call waits for, and what fails: for the warning (ir/keyboard-calls.ts). */
export function waitsFor(callee: string): 'answer' | 'debugger' {
  return callee === 'breakpoint' || callee.endsWith('set_trace')
    ? 'debugger'
    : 'answer';
}
