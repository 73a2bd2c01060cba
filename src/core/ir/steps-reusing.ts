/**
 * Hands back the steps of the previous IR that a new one repeats. The IR is built afresh on
 * every keystroke, but a key changes one step at most in a notebook of a thousand: where a new
 * step equals the one before it, the earlier object is kept and the new one dropped at once.
 *
 * The point is the garbage collector, not the build. An IR lives until the next key: in the lab,
 * a young-generation collection that found the whole of it alive copied it, and on a second one
 * promoted it to the old generation, which a full collection then has to go over, in the middle
 * of someone's typing. Steps that die young cost the collector nothing. It also lets whoever
 * reads the IR tell an unchanged step by its identity (the DAG's key, `dag-model.ts`).
 *
 * Equal means equal as data, field for field: a field added to `IPipelineStep` does not compile
 * until it is listed in `COMPARED_STEP_FIELDS`, whose test fails until it is compared. The steps
 * are shared between IRs, and like every IR must not be changed once built.
 */
import { ICellCode, IPipelineIR, IPipelineStep } from './pipeline';
import { sameList } from './same-list';

export function reusingEarlierSteps(
  ir: IPipelineIR,
  earlier: IPipelineIR | null
): IPipelineIR {
  if (earlier === null || !earlier.steps.length || !ir.steps.length) {
    return ir;
  }
  const before = earlier.steps;
  let byName: Map<string, IPipelineStep> | null = null;
  let reusedAll = ir.steps.length === before.length;
  const steps = ir.steps;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    let candidate: IPipelineStep | undefined = before[i];
    if (candidate === undefined || candidate.name !== step.name) {
      // a step inserted or deleted above: look the step up by its name
      byName ??= new Map(before.map(s => [s.name, s]));
      candidate = byName.get(step.name);
      reusedAll = false;
    }
    if (candidate !== undefined && sameStep(step, candidate)) {
      steps[i] = candidate;
    } else {
      reusedAll = false;
    }
  }
  return reusedAll ? { ...ir, steps: before } : ir;
}

/**
 * Every field of a step, which `sameStep` compares: the type requires each field of
 * `IPipelineStep` here, and the tests change each one listed and expect a new step, so a field
 * added to a step cannot be left out of the comparison.
 */
export const COMPARED_STEP_FIELDS: {
  readonly [K in keyof Required<IPipelineStep>]: true;
} = {
  name: true,
  cells: true,
  code: true,
  inputs: true,
  producers: true,
  outputs: true,
  after: true,
  prev: true,
  packages: true,
  metrics: true,
  mayBeUnbound: true,
  settings: true
};

/**
 * Whether two steps are equal, field by field, with the comparisons the IR's data allows (names
 * and lists of names and numbers; a cell's code by its text, usually the very same string), the
 * fields most likely to differ first. Straight-line: a loop over the fields cost more than the
 * comparisons, a thousand steps on every key.
 */
function sameStep(a: IPipelineStep, b: IPipelineStep): boolean {
  return (
    a.name === b.name &&
    sameList(a.cells, b.cells) &&
    sameCode(a.code, b.code) &&
    sameList(a.inputs, b.inputs) &&
    sameProducers(a, b) &&
    sameList(a.outputs, b.outputs) &&
    sameList(a.after, b.after) &&
    sameList(a.prev, b.prev) &&
    sameList(a.packages, b.packages) &&
    sameList(a.metrics, b.metrics) &&
    (a.mayBeUnbound === b.mayBeUnbound ||
      (a.mayBeUnbound !== undefined &&
        b.mayBeUnbound !== undefined &&
        sameList(a.mayBeUnbound, b.mayBeUnbound))) &&
    (a.settings === b.settings || samePlainData(a.settings, b.settings))
  );
}

function sameCode(a: readonly ICellCode[], b: readonly ICellCode[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i].cell !== b[i].cell || a[i].source !== b[i].source) {
      return false;
    }
  }
  return true;
}

/**
 * The producers of two steps with the same inputs. `producers` has one entry for each input
 * (IPipelineStep), so it is read by the inputs: going over the keys of an object made without
 * a prototype is slow in V8 and makes a list of them each time.
 */
function sameProducers(a: IPipelineStep, b: IPipelineStep): boolean {
  const inputs = a.inputs;
  for (let i = 0; i < inputs.length; i++) {
    if (a.producers[inputs[i]] !== b.producers[inputs[i]]) {
      return false;
    }
  }
  return true;
}

const own = Object.prototype.hasOwnProperty;

/**
 * Whether two pieces of plain data (what JSON holds: objects, arrays, strings, numbers,
 * booleans, null, and undefined for a field left out) are equal, field for field.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null
  ) {
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (!samePlainData(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
  if (Array.isArray(b)) {
    return false;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    fields++;
    if (!own.call(right, key) || !samePlainData(left[key], right[key])) {
      return false;
    }
  }
  for (const key in right) {
    if (own.call(right, key)) {
      fields--;
    }
  }
  return fields === 0;
}
