/** Cell tags (design §2): roles, `prev:` and the per-step setting tags with their bad values. */
import { parseCellTags } from '../../../src/core/notebook/tags';

describe('parseCellTags', () => {
  it.each([
    [['step:train'], { kind: 'step', name: 'train' }],
    [['block:train'], { kind: 'step', name: 'train' }],
    [['block:'], { kind: 'continue' }],
    [['imports'], { kind: 'imports' }],
    [['functions'], { kind: 'functions' }],
    [['pipeline-parameters'], { kind: 'parameters' }],
    [['pipeline-metrics'], { kind: 'metrics' }],
    [['skip'], { kind: 'skip' }],
    [['my-own-tag'], { kind: 'continue' }],
    [['toString', 'constructor', '__proto__'], { kind: 'continue' }]
  ])('%j has role %j', (tags, role) => {
    const parsed = parseCellTags(tags);
    expect(parsed.role).toEqual(role);
    expect(parsed.problems).toEqual([]);
  });

  it('reads every setting tag of a step cell', () => {
    const parsed = parseCellTags([
      'step:train',
      'prev:load',
      'prev:clean',
      'limit:memory:4Gi',
      'limit:nvidia.com/gpu:1',
      'request:cpu:500m',
      'image:registry.example.com/team/py:3.11',
      'label:team:ml',
      'annotation:example.com/owner:ana:b',
      'cache:disabled',
      'retry:3',
      'timeout:1h30m'
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.prev).toEqual(['load', 'clean']);
    expect(parsed.settings).toEqual({
      limits: { memory: '4Gi', 'nvidia.com/gpu': '1' },
      requests: { cpu: '500m' },
      image: 'registry.example.com/team/py:3.11',
      labels: { team: 'ml' },
      annotations: { 'example.com/owner': 'ana:b' },
      cache: false,
      retries: 3,
      timeoutSeconds: 5400
    });
  });

  it.each([
    'python:3.11-slim',
    'registry.example.com:5000/team/py:3.11',
    'localhost/ds/gpu_base__v2',
    `registry.example.com/py@sha256:${'a'.repeat(64)}`
  ])('takes the image reference %s', image => {
    const parsed = parseCellTags(['step:a', `image:${image}`]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.image).toBe(image);
  });

  it('takes a decimal timeout that comes to whole seconds', () => {
    const parsed = parseCellTags(['step:a', 'timeout:4.1m']);
    expect(parsed.problems).toEqual([]);
    expect(parsed.settings.timeoutSeconds).toBe(246);
  });

  it.each([
    ['limit:memory:lots', /not a Kubernetes quantity/],
    ['limit:memory', /expected 'limit:RESOURCE:VALUE'/],
    ['request:cpu:', /expected 'request:RESOURCE:VALUE'/],
    ['image:', /expected 'image:IMAGE'/],
    ['image:my-image!!', /'my-image!!' is not a container image reference/],
    ['image:Team/Py:3.11', /not a container image reference: .*lower case/],
    ['image:py:3.11:extra', /not a container image reference/],
    ['label:', /expected 'label:KEY:VALUE'/],
    ['cache:maybe', /'cache:enabled' or 'cache:disabled'/],
    ['retry:-1', /whole number/],
    ['retry:many', /whole number/],
    ['timeout:soon', /expected 'timeout:DURATION'/],
    ['timeout:0', /whole number of seconds, 1 or more: '0' is 0 s$/],
    ['timeout:0.5s', /whole number of seconds, 1 or more: '0.5s' is 0.5 s$/],
    ['timeout:1.01m', /whole number of seconds, 1 or more: '1.01m' is 60.6 s$/],
    ['timeout:1h 30m', /expected 'timeout:DURATION'/],
    ['prev:', /names no step/]
  ])('%s is a problem: %s', (tag, message) => {
    const parsed = parseCellTags(['step:a', tag]);
    expect(parsed.problems).toEqual([
      { tag, message: expect.stringMatching(message) }
    ]);
  });

  it.each([
    [
      ['limit:nvidia.com/gpu:1.5'],
      /limit:nvidia.com\/gpu:1.5 is not a whole number/
    ],
    [
      ['limit:amd.com/gpu:500m'],
      /limit:amd.com\/gpu:500m is not a whole number/
    ],
    [
      ['limit:cpu:1', 'request:cpu:2'],
      /request:cpu:2 is more than limit:cpu:1: Kubernetes refuses/
    ],
    [
      ['limit:memory:512Mi', 'request:memory:1Gi'],
      /request:memory:1Gi is more than limit:memory:512Mi/
    ],
    [
      ['limit:memory:500m'],
      /limit:memory:500m is a fraction of a byte \('m' is milli\): write the size with a unit, for example limit:memory:500Mi/
    ],
    [
      ['request:ephemeral-storage:1.5'],
      /request:ephemeral-storage:1.5 is a fraction of a byte: write the size/
    ]
  ])('refuses resources Kubernetes refuses: %j', (tags, message) => {
    expect(parseCellTags(['step:a', ...tags]).problems).toEqual([
      { tag: tags[tags.length - 1], message: expect.stringMatching(message) }
    ]);
  });

  it('takes whole devices, and requests up to their limits in any unit', () => {
    const parsed = parseCellTags([
      'step:a',
      'limit:nvidia.com/gpu:2',
      'limit:cpu:1',
      'request:cpu:500m',
      'limit:memory:1Gi',
      'request:memory:1024Mi',
      'request:ephemeral-storage:1.5Gi'
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('rejects two roles on one cell but allows the same role twice', () => {
    expect(parseCellTags(['step:a', 'imports']).problems[0].message).toMatch(
      /only one role.*'step:a' and 'imports'/
    );
    expect(parseCellTags(['step:a', 'block:a']).problems).toEqual([]);
  });

  it('says a papermill parameters cell needs pipeline-parameters to be one, as a warning', () => {
    expect(parseCellTags(['parameters']).problems).toEqual([
      {
        tag: 'parameters',
        message:
          "tag 'parameters' is papermill's: cellpipe makes a cell's values pipeline parameters with 'pipeline-parameters'; add that tag (papermill keeps reading its own)",
        warning: true
      }
    ]);
    expect(parseCellTags(['parameters']).role).toEqual({ kind: 'continue' });
    expect(
      parseCellTags(['parameters', 'pipeline-parameters']).problems
    ).toEqual([]);
    expect(parseCellTags(['parameters', 'skip']).problems).toEqual([]);
  });
});

describe('a memory size written without its unit', () => {
  it('is a warning (fewer bytes than a container runs in), and sizes with units are not', () => {
    expect(parseCellTags(['step:a', 'limit:memory:512']).problems).toEqual([
      {
        tag: 'limit:memory:512',
        message:
          'limit:memory:512 is 512 bytes, fewer than a container runs in: write the size with a unit, for example limit:memory:512Mi',
        warning: true
      }
    ]);
    expect(
      parseCellTags(['step:a', 'limit:memory:4Gi', 'request:memory:1G'])
        .problems
    ).toEqual([]);
  });
});
