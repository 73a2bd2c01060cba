import { stepSettings } from '../../../src/core/settings/step-settings';
import { resolveSettings } from '../../../src/core/settings/resolve';
import { UserError } from '../../../src/core/errors';
import { makeIR, makeStep } from '../../support/ir';
import { IStepSettings } from '../../../src/core/settings/types';

function withTags(fields: Partial<IStepSettings>) {
  return makeStep('train', {
    cells: [4],
    settings: {
      limits: {},
      requests: {},
      labels: {},
      annotations: {},
      ...fields
    }
  });
}

describe('a step’s effective settings', () => {
  const settings = resolveSettings(makeIR(), {
    image: 'registry.example.com/ds/base:1',
    stepDefaults: {
      limits: { memory: '2Gi' },
      labels: { team: 'ml' },
      retries: 1
    }
  });

  it('puts the step’s tags over the pipeline’s step defaults', () => {
    const effective = stepSettings(
      settings,
      withTags({
        limits: { cpu: '2', 'nvidia.com/gpu': '1' },
        labels: { stage: 'train' },
        retries: 3
      }),
      'nb.ipynb'
    );
    expect(effective.image).toBe('registry.example.com/ds/base:1');
    expect(effective.limits).toEqual({
      memory: '2Gi',
      cpu: '2',
      'nvidia.com/gpu': '1'
    });
    expect(effective.labels).toEqual({ team: 'ml', stage: 'train' });
    expect(effective.retries).toBe(3);
  });

  it('refuses a request above the pipeline’s default limit, and a fraction of a device', () => {
    const refused = (fields: Partial<IStepSettings>) => {
      try {
        stepSettings(settings, withTags(fields), 'nb.ipynb');
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return (error as UserError).describe();
      }
      throw new Error('expected a UserError');
    };
    expect(refused({ requests: { memory: '3Gi' } })).toBe(
      "nb.ipynb, cell 5: step 'train': request:memory:3Gi is more than limit:memory:2Gi: " +
        'Kubernetes refuses a pod that asks for more than its limit'
    );
    expect(refused({ limits: { 'nvidia.com/gpu': '0.5' } })).toMatch(
      /limit:nvidia.com\/gpu:0.5 is not a whole number/
    );
  });

  it('takes the step’s image tag over the pipeline image', () => {
    const effective = stepSettings(
      settings,
      withTags({ image: 'ghcr.io/org/gpu:2.1@sha256:' + 'a'.repeat(64) }),
      'nb.ipynb'
    );
    expect(effective.image).toBe(
      'ghcr.io/org/gpu:2.1@sha256:' + 'a'.repeat(64)
    );
  });

  const refused: [string, Partial<IStepSettings>, RegExp][] = [
    [
      'image with a quote',
      { image: 'python:3"' },
      /image "python:3\\"" is not a container image/
    ],
    [
      'label key with a space',
      { labels: { 'my key': 'v' } },
      /label key "my key" is not a valid label key/
    ],
    [
      'label value too long',
      { labels: { k: 'v'.repeat(64) } },
      /label:k value .* is not a valid label value/
    ],
    [
      'label value with a newline',
      { labels: { k: 'a\nb' } },
      /label:k must not contain control characters/
    ],
    [
      'annotation key',
      { annotations: { '{{x}}': 'v' } },
      /annotation key "{{x}}" is not a valid annotation key/
    ],
    [
      'resource name',
      { limits: { 'cpu power': '2' } },
      /limit resource name "cpu power" is not a valid resource name/
    ],
    [
      'quantity',
      { requests: { memory: '4 GB' } },
      /request:memory is not a Kubernetes quantity: "4 GB"/
    ]
  ];
  it.each(refused)(
    'refuses %s, naming notebook, step and cell',
    (_l, fields, message) => {
      let caught: unknown;
      try {
        stepSettings(settings, withTags(fields), 'nb.ipynb');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UserError);
      const error = caught as UserError;
      expect(error.message).toMatch(message);
      expect(error.describe()).toMatch(/^nb\.ipynb, cell 5: step 'train': /);
    }
  );

  it('keeps annotation values exactly, whatever they hold', () => {
    const value = 'a "quoted" {{ x }} ${y} # z\nnext: line ✓';
    const effective = stepSettings(
      settings,
      withTags({ annotations: { 'example.com/note': value } }),
      'nb.ipynb'
    );
    expect(effective.annotations['example.com/note']).toBe(value);
  });
});
