/**
 * Names a step may leave unbound (`if flag: y = 2`; see ICellNames.maybeBound): where a later
 * step or a metric takes such a name from it, the step also takes the name from the step that
 * wrote it before, so that it hands on that value when its own binding does not run, as the
 * notebook does top to bottom.
 */
import { IPipelineStep } from './pipeline';

/** For each step that may leave names unbound: the earlier step that writes each, if any. */
export type Fallbacks = Map<IPipelineStep, Map<string, IPipelineStep>>;

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
