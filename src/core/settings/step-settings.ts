/**
 * A step's effective settings: the pipeline's step defaults under the step's own tags, checked
 * the way Kubernetes will check them. Tags come from notebooks someone else wrote: a label key,
 * image or resource name that Kubernetes would refuse is refused here, naming the notebook and
 * the step's cell, instead of being mangled or failing at submission.
 */
import { UserError } from '../errors';
import { IPipelineStep } from '../ir/pipeline';
import { IStepSettings } from './types';
import { IPipelineSettings } from './resolved';
import { mergeStepSettings } from './resolve';
import {
  checkImage,
  isLabelKey,
  isLabelValue,
  QUANTITY,
  SettingsChecker
} from './checks';

/** The effective settings of a step, with `image` always set. */
export interface IEffectiveStepSettings extends IStepSettings {
  image: string;
}

/** Annotation values may be any text, but the whole set must stay under 256 KiB. */
const ANNOTATIONS_LIMIT = 256 * 1024;

export function stepSettings(
  settings: IPipelineSettings,
  step: IPipelineStep,
  notebook: string
): IEffectiveStepSettings {
  const merged = mergeStepSettings(settings.stepDefaults, step.settings);
  const where = { notebook, cell: step.cells[0] };
  const fail = (message: string) =>
    new UserError(`step '${step.name}': ${message}`, where);
  const check = new SettingsChecker(`step '${step.name}'`, notebook);
  const image = merged.image ?? settings.image;
  try {
    checkImage(check.string(image, 'image'), check, 'image');
  } catch (error) {
    throw fail((error as UserError).message.replace(/^step '[^']*': /, ''));
  }
  for (const [kind, map] of [
    ['limit', merged.limits],
    ['request', merged.requests]
  ] as const) {
    for (const [resource, value] of Object.entries(map)) {
      if (!isLabelKey(resource)) {
        throw fail(
          `${kind}: ${JSON.stringify(resource)} is not a resource name`
        );
      }
      if (!QUANTITY.test(value)) {
        throw fail(
          `${kind}:${resource}: ${JSON.stringify(value)} is not a Kubernetes quantity`
        );
      }
    }
  }
  for (const [key, value] of Object.entries(merged.labels)) {
    if (!isLabelKey(key)) {
      throw fail(
        `label key ${JSON.stringify(key.slice(0, 80))} is not valid ` +
          '(a name of up to 63 letters, digits, -, _ or ., optionally prefixed by a DNS name and /)'
      );
    }
    if (!isLabelValue(value)) {
      throw fail(
        `label ${key}: value ${JSON.stringify(value.slice(0, 80))} is not valid ` +
          '(up to 63 letters, digits, -, _ or ., starting and ending with a letter or digit)'
      );
    }
  }
  let annotationBytes = 0;
  for (const [key, value] of Object.entries(merged.annotations)) {
    if (!isLabelKey(key)) {
      throw fail(
        `annotation key ${JSON.stringify(key.slice(0, 80))} is not valid`
      );
    }
    annotationBytes += key.length + value.length;
  }
  if (annotationBytes > ANNOTATIONS_LIMIT) {
    throw fail('annotations exceed 256 KiB');
  }
  return { ...merged, image };
}
