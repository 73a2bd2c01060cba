/**
 * `stepDefaults` (issue 14, finding 6): the settings every step starts from, checked key by key
 * as the step tags are, so a value can never reach a document in a shape the generators do not
 * expect (`retries: "2\nx: y"`, `labels: "abc"`). Unknown keys are refused, not ignored.
 */
import { IStepSettings } from './types';
import {
  checkImage,
  checkNamedMap,
  checkStringMap,
  SettingsChecker
} from './checks';

const KEYS = [
  'image',
  'limits',
  'requests',
  'labels',
  'annotations',
  'cache',
  'retries',
  'timeoutSeconds'
];

/** Retries a step may ask for; more is a typo, not a plan. */
const MAX_RETRIES = 100;

const RESOURCE = { what: 'resource name', kind: 'resource name' };
const ANNOTATION = { what: 'annotation key', kind: 'annotation key' };

const quantities = (given: unknown, check: SettingsChecker, key: string) =>
  checkNamedMap(given, check, key, RESOURCE, (item, at) =>
    check.quantity(item, at)
  );

// Annotation values may be any text (Kubernetes allows it; they are written as JSON).
const annotations = (given: unknown, check: SettingsChecker, key: string) =>
  checkNamedMap(given, check, key, ANNOTATION, (item, at) => {
    if (typeof item !== 'string') {
      throw check.error(at, 'must be a string');
    }
    return item;
  });

function wholeNumber(
  value: unknown,
  check: SettingsChecker,
  key: string,
  least: number,
  most: number
): number {
  if (
    !Number.isSafeInteger(value) ||
    (value as number) < least ||
    (value as number) > most
  ) {
    throw check.error(key, `must be a whole number from ${least} to ${most}`);
  }
  return value as number;
}

export function checkStepDefaults(
  value: unknown,
  check: SettingsChecker
): Partial<IStepSettings> {
  const given = check.object(value, 'stepDefaults');
  const result: Partial<IStepSettings> = {};
  for (const key of Object.keys(given)) {
    if (!KEYS.includes(key)) {
      throw check.error(
        `stepDefaults.${key.slice(0, 80)}`,
        `is not a step setting (expected one of ${KEYS.join(', ')})`
      );
    }
  }
  const at = (key: string) => `stepDefaults.${key}`;
  if (given.image !== undefined) {
    result.image = checkImage(
      check.string(given.image, at('image')),
      check,
      at('image')
    );
  }
  if (given.limits !== undefined) {
    result.limits = quantities(given.limits, check, at('limits'));
  }
  if (given.requests !== undefined) {
    result.requests = quantities(given.requests, check, at('requests'));
  }
  if (given.labels !== undefined) {
    result.labels = checkStringMap(given.labels, check, at('labels'));
  }
  if (given.annotations !== undefined) {
    result.annotations = annotations(
      given.annotations,
      check,
      at('annotations')
    );
  }
  if (given.cache !== undefined) {
    result.cache = check.boolean(given.cache, at('cache'));
  }
  if (given.retries !== undefined) {
    result.retries = wholeNumber(
      given.retries,
      check,
      at('retries'),
      0,
      MAX_RETRIES
    );
  }
  if (given.timeoutSeconds !== undefined) {
    result.timeoutSeconds = wholeNumber(
      given.timeoutSeconds,
      check,
      at('timeoutSeconds'),
      1,
      365 * 24 * 3600
    );
  }
  return result;
}
