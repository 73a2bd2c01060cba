/**
 * Hostile images, labels and annotations (issue 3, injection), from step tags and from the
 * settings' step defaults. What Kubernetes would accept reads back exactly from the emitted
 * YAML (on the pods the targets create); anything else is refused with a UserError naming the
 * notebook and the step's cell, never rewritten.
 */
import fc from 'fast-check';
import { isLabelKey, isLabelValue } from '../../../../src/core/settings/schema';
import { hostileString } from '../../../support/hostile';
import { hostileNotebook } from './hostile-notebook';
import { analyze, refusal, RUNS } from './outcome';
import {
  compileAndReadBack,
  IReadBack,
  podImages,
  podMetadata
} from './read-back';

/** Keys that name Object.prototype's members: each must be an entry like any other. */
const PROTOTYPE_KEYS: [string, string][] = [
  ['__proto__', ''],
  ['__proto__', 'x'],
  ['constructor', 'x'],
  ['toString', ''],
  ['hasOwnProperty', 'x']
];

const PARAMETERS = [{ name: 'n', type: 'int' as const, value: 3 }];
const STEP_CELL = 2;

const labelKey = fc.oneof(
  hostileString,
  fc.stringMatching(
    /^([a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?(\.[a-z]{2,5})?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/
  )
);
const labelValue = fc.oneof(
  hostileString,
  fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,30}[A-Za-z0-9])?)?$/)
);
const image = fc.oneof(
  hostileString,
  fc.stringMatching(
    /^([a-z0-9]{1,8}(\.[a-z]{2,4})?(:[0-9]{2,5})?\/)?[a-z0-9]{1,10}(\/[a-z0-9]{1,8}){0,2}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,10})?$/
  )
);

function compileStep(tags: string[], settings?: Record<string, unknown>) {
  const ir = analyze(
    hostileNotebook({
      parameters: PARAMETERS,
      steps: [
        { name: 'load', tags },
        { name: 'train', tags: [] }
      ],
      settings
    }),
    'meta.ipynb'
  );
  let results: IReadBack[] = [];
  const error = refusal(() => {
    results = compileAndReadBack(ir);
  });
  return { results, error };
}

function expectRefusedAtStep(error: ReturnType<typeof refusal>): void {
  expect(error).not.toBeNull();
  expect(error!.location.notebook).toBe('meta.ipynb');
  expect(error!.location.cell).toBe(STEP_CELL);
}

/** The tag parser trims tags and splits `label:KEY:VALUE` at the first colon after the key. */
const survivesTag = (key: string, value: string) =>
  !key.includes(':') &&
  (key + ':' + value).trim() === key + ':' + value &&
  key.trim() === key;

describe('hostile labels', () => {
  it(`read back exactly when valid, else are refused (${RUNS} runs)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(labelKey, labelValue, (key, value) => {
        fc.pre(key.trim() !== '' && survivesTag(key, value));
        const { results, error } = compileStep([`label:${key}:${value}`]);
        if (!isLabelKey(key) || !isLabelValue(value)) {
          expectRefusedAtStep(error);
          return;
        }
        expect(error).toBeNull();
        accepted++;
        for (const result of results) {
          expect(podMetadata(result.pods, 'labels')).toContainEqual([
            key,
            value
          ]);
        }
      }),
      { numRuns: RUNS, examples: PROTOTYPE_KEYS }
    );
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });
});

describe('hostile annotations', () => {
  it(`from step defaults read back exactly on every step, whatever the value (${RUNS} runs)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(labelKey, hostileString, (key, value) => {
        const { results, error } = compileStep([], {
          stepDefaults: { annotations: { [key]: value } }
        });
        if (!isLabelKey(key)) {
          expect(error).not.toBeNull();
          expect(error!.message).toMatch(/annotation/);
          return;
        }
        if (value.includes('{{')) {
          // Template syntax never reaches an orchestrator (design §5).
          expect(error?.message).toMatch(/'\{\{'/);
          return;
        }
        expect(error).toBeNull();
        accepted++;
        for (const result of results) {
          const values = podMetadata(result.pods, 'annotations').filter(
            ([k]) => k === key
          );
          expect(values.length).toBeGreaterThanOrEqual(2);
          for (const [, read] of values) {
            expect(read).toBe(value);
          }
        }
      }),
      { numRuns: RUNS, examples: PROTOTYPE_KEYS }
    );
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

  it(`from step tags read back exactly (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(labelKey, hostileString, (key, value) => {
        fc.pre(key.trim() !== '' && survivesTag(key, value));
        const { results, error } = compileStep([`annotation:${key}:${value}`]);
        if (!isLabelKey(key)) {
          expectRefusedAtStep(error);
          return;
        }
        if (value.includes('{{')) {
          // Template syntax never reaches an orchestrator (design §5).
          expect(error?.message).toMatch(/'\{\{'/);
          return;
        }
        expect(error).toBeNull();
        for (const result of results) {
          expect(podMetadata(result.pods, 'annotations')).toContainEqual([
            key,
            value
          ]);
        }
      }),
      { numRuns: RUNS, examples: PROTOTYPE_KEYS }
    );
  });
});

describe('hostile images', () => {
  it(`are used exactly as given, or refused at the step (${RUNS} runs)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(image, value => {
        fc.pre(value.trim() === value && value !== '');
        const { results, error } = compileStep([`image:${value}`]);
        if (error) {
          expectRefusedAtStep(error);
          expect(error.message).toMatch(/image/);
          return;
        }
        accepted++;
        for (const result of results) {
          expect(podImages(result.pods)).toContain(value);
        }
      }),
      { numRuns: RUNS }
    );
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });
});
