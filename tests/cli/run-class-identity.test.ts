/**
 * Classes keep their identity across steps, as in one kernel:
 * - an instance of a `functions` cell's dataclass or Enum is an instance of the step's own class
 *   (`p == Point(1, 2)`, `c == Color.RED`, `isinstance`), where before it came back as an instance
 *   of a copy and every comparison was False;
 * - a class attribute a step changes (`Registry.count += 1`) stays changed in a later step that
 *   also takes an instance made before the change, whatever the order inputs load in (before,
 *   `reg` loaded after `Registry` and put the old count back);
 * - a `functions` cell's function kept in a list or as a dict's key by a step is the later step's
 *   own function (`handlers[0] is double`, `names.get(double)`), where before it was a copy.
 * Real local runs, warm and `--no-warm`, against the notebook run top to bottom.
 */
import {
  notebookInTempDir,
  expectSameAsTopToBottom
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'from dataclasses import dataclass',
      'from enum import Enum',
      '@dataclass',
      'class Point:',
      '    x: int',
      '    y: int',
      'class Color(Enum):',
      '    RED = 1',
      '    BLUE = 2',
      'def double(x):',
      '    return 2 * x'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'p = Point(1, 2)',
      'c = Color.RED',
      'class Registry:',
      '    count = 0',
      '    def describe(self):',
      '        return f"count={self.count}"',
      'reg = Registry()',
      'names = {double: "double"}',
      'handlers = [double]'
    ].join('\n'),
    tags: ['step:make']
  },
  { source: 'Registry.count += 1', tags: ['step:bump'] },
  {
    source: [
      'same_point = p == Point(1, 2)',
      'same_color = c is Color.RED',
      'is_point = isinstance(p, Point)',
      'described = reg.describe()',
      'counted = Registry.count',
      'found = names.get(double)',
      'same_function = handlers[0] is double'
    ].join('\n'),
    tags: ['step:use']
  },
  {
    source: [
      'print(same_point)',
      'print(same_color)',
      'print(is_point)',
      'print(described)',
      'print(counted)',
      'print(found)',
      'print(same_function)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describe('classes and functions across steps', () => {
  const { notebook, home } = notebookInTempDir(
    'class-identity',
    'classes.ipynb',
    CELLS
  );

  it.each([[[]], [['--no-warm']]])(
    'keep their identity and their changed state (%j), as top to bottom',
    flags => {
      expectSameAsTopToBottom(
        home,
        notebook,
        {
          same_point: true,
          same_color: true,
          is_point: true,
          described: 'count=1',
          counted: 1,
          found: 'double',
          same_function: true
        },
        flags
      );
    }
  );
});
