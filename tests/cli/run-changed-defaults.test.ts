/**
 * Functions that keep state in a default value they change (`def add(x, seen=[])`), called in
 * several steps, in a real local run against the notebook run top to bottom. A call changes the
 * function's default, so the step that calls it hands the function on. Before, each later step
 * took the function as the defining step saved it: every call started from an empty list.
 */
import {
  expectSameAsTopToBottom,
  notebookInTempDir
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'def add(x, seen=[]):',
      '    seen.append(x)',
      '    return len(seen)',
      'def remember(key, cache={}):',
      '    cache[key] = True',
      '    return len(cache)'
    ].join('\n'),
    tags: ['step:define']
  },
  {
    source: 'first = add(1)\nfirst_keys = remember("a")',
    tags: ['step:one']
  },
  {
    source: 'second = add(2)\nsecond_keys = remember("b")',
    tags: ['step:two']
  },
  {
    source: [
      'print(first)',
      'print(second)',
      'print(first_keys)',
      'print(second_keys)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describe('functions that change their default values, called in several steps', () => {
  const { notebook, home } = notebookInTempDir(
    'changed-defaults',
    'defaults.ipynb',
    CELLS
  );

  it('keep what the earlier calls left, as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, {
      first: 1,
      second: 2,
      first_keys: 1,
      second_keys: 2
    });
  });
});
