/**
 * A function that changes a default value in place (`def add(x, seen=[]): seen.append(x)`)
 * keeps state in itself: the default is made once, with the function, and each call that leaves
 * it out finds it as the last call left it. So a call of such a function changes the function,
 * and a step that calls one it takes from before hands it on (ir/step-functions.ts), as it hands on
 * a list it appends to.
 */
import { IFunctionSummary } from './cell-names';
import { field, IPyNode } from './python-tree';
import { lastName } from './dotted-names';

/** Default values a call can change in place: displays and the constructors of containers. */
const MUTABLE_DISPLAYS: ReadonlySet<string> = new Set([
  'list',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension'
]);

const CONTAINER_CONSTRUCTORS: ReadonlySet<string> = new Set([
  'list',
  'dict',
  'set',
  'bytearray',
  'defaultdict',
  'OrderedDict',
  'Counter',
  'deque'
]);

/** The parameters among `mutated` whose default value is a container the body changes. */
export function changedDefaults(
  params: IPyNode | null,
  mutated: readonly string[],
  text: (node: IPyNode) => string
): string[] {
  const changed: string[] = [];
  for (const c of params?.children ?? []) {
    if (
      c.type !== 'default_parameter' &&
      c.type !== 'typed_default_parameter'
    ) {
      continue;
    }
    const name = field(c, 'name');
    const value = field(c, 'value');
    if (
      name?.type === 'identifier' &&
      value &&
      mutated.includes(text(name)) &&
      isMutableValue(value, text)
    ) {
      changed.push(text(name));
    }
  }
  return changed;
}

function isMutableValue(
  value: IPyNode,
  text: (node: IPyNode) => string
): boolean {
  if (MUTABLE_DISPLAYS.has(value.type)) {
    return true;
  }
  if (value.type !== 'call') {
    return false;
  }
  const callee = field(value, 'function');
  const name = callee ? lastName(callee) : null;
  return name !== null && CONTAINER_CONSTRUCTORS.has(text(name));
}

/**
 * Where each parameter is first bound again by a statement of the body itself (`acc =
 * list(acc)`, `acc = acc or []`), not inside an `if`, a loop or a `try`: the end of that
 * statement. A change after it is to the new object, not to the default.
 */
export function parametersReboundAt(
  body: IPyNode,
  parameters: readonly string[],
  text: (node: IPyNode) => string
): Map<string, number> {
  const at = new Map<string, number>();
  for (const statement of body.children) {
    const assignment =
      statement.type === 'expression_statement' ? statement.children[0] : null;
    const target =
      assignment?.type === 'assignment' ? field(assignment, 'left') : null;
    if (target?.type !== 'identifier' || !field(assignment!, 'right')) {
      continue;
    }
    const name = text(target);
    if (parameters.includes(name) && !at.has(name)) {
      at.set(name, statement.to);
    }
  }
  return at;
}

/**
 * Between one cell's functions: one that calls a function changing its default (`def twice(x):
 * add(x)`) changes that function too, as a change to a global (IFunctionSummary.globalWrites),
 * so a later step that calls it hands `add` on. Through any number of calls.
 */
export function closeDefaultChangingCalls(
  functions: Record<string, IFunctionSummary>
): void {
  const changing = Object.keys(functions).filter(
    name => functions[name].changedDefaults
  );
  let grew = changing.length > 0;
  while (grew) {
    grew = false;
    for (const name in functions) {
      const { globalReads, globalWrites } = functions[name];
      for (const read of globalReads) {
        const called = functions[read];
        if (read === name || !called) {
          continue;
        }
        for (const changed of changing) {
          const changes =
            changed === read || called.globalWrites.includes(changed);
          if (changes && !globalWrites.includes(changed)) {
            globalWrites.push(changed);
            grew = true;
          }
        }
      }
    }
  }
}
