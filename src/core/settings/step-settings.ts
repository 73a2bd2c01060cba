/**
 * A step's effective settings: the pipeline's step defaults under the step's own tags, checked
 * against the schema's step settings (settings.schema.json), the way Kubernetes will check them.
 * Tags come from notebooks someone else wrote: a label key, image or resource name that
 * Kubernetes would refuse is refused here, naming the notebook, the step's cell and the tag,
 * instead of being mangled or failing at submission.
 */
import { UserError } from '../errors';
import { IPipelineStep } from '../ir/pipeline';
import { IStepSettings } from './types';
import { IPipelineSettings } from './resolved';
import { mergeStepSettings } from './resolve';
import { KeyNamer, stepSettingsProblem } from './schema';
import { resourcesProblems } from '../notebook/values';

/** The effective settings of a step, with `image` always set. */
export interface IEffectiveStepSettings extends IStepSettings {
  image: string;
}

/** Annotation values may be any text, but the whole set must stay under 256 KiB. */
const ANNOTATIONS_LIMIT = 256 * 1024;

/** The tag that sets each step setting (design §2). */
const TAGS: Record<string, string> = {
  image: 'image',
  limits: 'limit',
  requests: 'request',
  labels: 'label',
  annotations: 'annotation',
  cache: 'cache',
  retries: 'retry',
  timeoutSeconds: 'timeout'
};

/** A step setting named as its tag: `limit:cpu`, `label:team`, `retry`. */
const tagKey: KeyNamer = ([key, ...rest]) =>
  [TAGS[key] ?? key, ...rest].join(':');

export function stepSettings(
  settings: IPipelineSettings,
  step: IPipelineStep,
  notebook: string
): IEffectiveStepSettings {
  const merged = mergeStepSettings(settings.stepDefaults, step.settings);
  const effective = { ...merged, image: merged.image ?? settings.image };
  const fail = (message: string) =>
    new UserError(`step '${step.name}': ${message}`, {
      notebook,
      cell: step.cells[0]
    });
  const problem = stepSettingsProblem(effective, tagKey);
  if (problem) {
    throw fail(`${problem.key} ${problem.problem}`);
  }
  // With the pipeline's step defaults under the tags: a request may meet a default limit.
  const [resources] = resourcesProblems(merged.limits, merged.requests).filter(
    found => !found.warning
  );
  if (resources) {
    throw fail(resources.message);
  }
  // Not a schema check: the limit is on the sum of all keys and values (Kubernetes' own).
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(merged.annotations)) {
    annotationBytes += key.length + value.length;
  }
  if (annotationBytes > ANNOTATIONS_LIMIT) {
    throw fail('annotations exceed 256 KiB');
  }
  return effective;
}
