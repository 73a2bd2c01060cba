/**
 * Names a step may leave unbound (`if flag: y = 2`; see ICellNames.maybeBound): where a later
 * step or a metric takes such a name from it, the step also takes the name from the step that
 * wrote it before, so that it hands on that value when its own binding does not run, as the
 * notebook does top to bottom. Where no earlier step writes it, the step may hand it on unbound
 * (IPipelineStep.mayBeUnbound): a later step that reads it then fails there, with a NameError, as
 * the notebook does.
 */
import { IPipelineStep } from './pipeline';

/** For each step that may leave names unbound: the earlier step that writes each, or null. */
export type Fallbacks = Map<IPipelineStep, Map<string, IPipelineStep | null>>;

/**
 * Makes each name that a step hands on (an output or a metric) and may leave unbound an input
 * of that step too, from its fallback. From the last step back: a fallback that newly hands a
 * name on may itself need its own fallback.
 */
export function takeFallbacks(
  steps: readonly IPipelineStep[],
  fallbacksOf: Fallbacks
): void {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    const fallbacks = fallbacksOf.get(step);
    if (!fallbacks) {
      continue;
    }
    for (const name of [...step.outputs, ...step.metrics]) {
      const earlier = fallbacks.get(name);
      if (!earlier || step.inputs.includes(name)) {
        continue;
      }
      step.inputs.push(name);
      step.producers[name] = earlier.name;
      if (!step.after.includes(earlier.name)) {
        step.after.push(earlier.name);
      }
      if (!earlier.outputs.includes(name)) {
        earlier.outputs.push(name);
      }
    }
  }
}

/**
 * Sets `mayBeUnbound` of each step that hands on a name it may leave unbound with no value to
 * fall back on: no earlier step writes it, or the one it takes it from may leave it unbound too.
 * In notebook order, after `takeFallbacks`.
 */
export function markMayBeUnbound(
  steps: readonly IPipelineStep[],
  fallbacksOf: Fallbacks
): void {
  const byName = new Map(steps.map(step => [step.name, step]));
  for (const step of steps) {
    const fallbacks = fallbacksOf.get(step);
    if (!fallbacks) {
      continue;
    }
    for (const name of step.outputs) {
      if (!fallbacks.has(name)) {
        continue; // bound for sure
      }
      const producer = step.inputs.includes(name)
        ? byName.get(step.producers[name])
        : undefined;
      if (!producer || producer.mayBeUnbound?.includes(name)) {
        (step.mayBeUnbound ??= []).push(name);
      }
    }
    step.mayBeUnbound?.sort();
  }
}
