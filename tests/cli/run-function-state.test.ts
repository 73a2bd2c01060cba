/**
 * Functions that keep state in themselves, called in several steps, in a real local run against
 * the notebook run top to bottom: a default value the function changes (`def add(x,
 * seen=[])`), and closures that change a name of the function that made them (`nonlocal n`,
 * or a list of its body), made by a step's function or a functions cell's; and a function that
 * calls one that changes its default (`twice` calling `tally`), made in the same step or in a
 * later one (`again`). A call changes the function, so the step that calls it hands it on, and
 * the step after takes it from there. Before, each later step took the function as the step
 * that made it saved it (every call started afresh), and a step that took it from a step that
 * had called it did not hand it on again.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'def collector():',
      '    seen = []',
      '    def add(x):',
      '        seen.append(x)',
      '        return len(seen)',
      '    return add'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'def add(x, seen=[]):',
      '    seen.append(x)',
      '    return len(seen)',
      'def remember(key, cache={}):',
      '    cache[key] = True',
      '    return len(cache)',
      'def counter(start):',
      '    n = start',
      '    def inc():',
      '        nonlocal n',
      '        n += 1',
      '        return n',
      '    return inc',
      'tick = counter(10)',
      'gather = collector()',
      'def tally(x, seen=[]):',
      '    seen.append(x)',
      '    return len(seen)',
      'def twice(x):',
      '    tally(x)',
      '    return tally(x)'
    ].join('\n'),
    tags: ['step:define']
  },
  {
    source: [
      'first = add(1)',
      'first_keys = remember("a")',
      'first_tick = tick()',
      'first_gathered = gather("x")',
      'first_twice = twice(1)'
    ].join('\n'),
    tags: ['step:one']
  },
  {
    source: [
      'second = add(2)',
      'second_keys = remember("b")',
      'second_tick = tick()',
      'second_gathered = gather("y")',
      'second_twice = twice(2)'
    ].join('\n'),
    tags: ['step:two']
  },
  {
    source: [
      'third = add(3)',
      'def again(x):',
      '    return tally(x)',
      'third_again = again(7)'
    ].join('\n'),
    tags: ['step:three']
  },
  {
    source: ['fourth = add(4)', 'fourth_tally = tally(0)'].join('\n'),
    tags: ['step:four']
  },
  {
    source: [
      'print(first)',
      'print(second)',
      'print(first_keys)',
      'print(second_keys)',
      'print(first_tick)',
      'print(second_tick)',
      'print(first_gathered)',
      'print(second_gathered)',
      'print(first_twice)',
      'print(second_twice)',
      'print(third)',
      'print(third_again)',
      'print(fourth)',
      'print(fourth_tally)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'functions that keep state in themselves, called in several steps',
  'keep what the earlier calls left, as top to bottom',
  { prefix: 'function-state', name: 'state.ipynb', cells: CELLS },
  {
    first: 1,
    second: 2,
    first_keys: 1,
    second_keys: 2,
    first_tick: 11,
    second_tick: 12,
    first_gathered: 1,
    second_gathered: 2,
    first_twice: 2,
    second_twice: 4,
    third: 3,
    third_again: 5,
    fourth: 4,
    fourth_tally: 6
  }
);
