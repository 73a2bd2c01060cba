/**
 * Draws from one random generator in several steps, and next() on one iterator: each step takes
 * the generator (or iterator) as the step before left it, so a real local run gives the numbers
 * of the notebook run top to bottom. Before, every step drew from the state the first step saved,
 * so the later steps silently repeated the first step's numbers.
 */
import {
  notebookInTempDir,
  runBesideTopToBottom
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'import itertools',
      'import random',
      'rng = random.Random(7)',
      'ids = itertools.count(100)'
    ].join('\n'),
    tags: ['step:setup']
  },
  {
    source: ['first = rng.randrange(1000)', 'first_id = next(ids)'].join('\n'),
    tags: ['step:one']
  },
  {
    source: ['second = rng.randrange(1000)', 'second_id = next(ids)'].join(
      '\n'
    ),
    tags: ['step:two']
  },
  {
    source: [
      'print(first)',
      'print(second)',
      'print(first_id)',
      'print(second_id)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];
const METRICS = ['first', 'second', 'first_id', 'second_id'];

describe('a random generator and an iterator used in several steps', () => {
  const { notebook, home } = notebookInTempDir(
    'generator-state',
    'draws.ipynb',
    CELLS
  );

  it('go on from where the step before left them, as top to bottom', () => {
    const { pipeline, reference } = runBesideTopToBottom(
      home,
      notebook,
      METRICS
    );
    expect(reference.first_id).toBe(100);
    expect(reference.second_id).toBe(101);
    expect(reference.first).not.toBe(reference.second);
    expect(pipeline).toEqual(reference);
  });
});

describe('draws whose names other objects use too (shuffle, gamma)', () => {
  const { notebook, home } = notebookInTempDir(
    'shared-draw-names',
    'draws.ipynb',
    [
      { source: 'import numpy as np', tags: ['imports'] },
      {
        source: 'rng = np.random.default_rng(0)\norder = np.arange(5)',
        tags: ['step:load']
      },
      {
        source: 'rng.shuffle(order)\ng = float(rng.gamma(2.0))',
        tags: ['step:draw']
      },
      {
        source: 'after = int(rng.integers(0, 1000))\nfirst = int(order[0])',
        tags: ['step:report']
      },
      {
        source: 'print(after)\nprint(first)\nprint(g)',
        tags: ['pipeline-metrics']
      }
    ]
  );

  it('change the generator, as top to bottom', () => {
    const { pipeline, reference } = runBesideTopToBottom(home, notebook, [
      'after',
      'first',
      'g'
    ]);
    expect(pipeline).toEqual(reference);
  });
});
