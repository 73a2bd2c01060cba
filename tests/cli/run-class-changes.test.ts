/**
 * A notebook class changed in place in a later step than the one that made an instance of it
 * (`Point.norm = …`, `Point.unit += "s"`), in a real local run against the notebook run top to
 * bottom. Before, the step after the change took the instance alone: its class was the one the
 * first step saved, without the change, and the run failed with an AttributeError where top to
 * bottom worked. The step now takes the class beside the instance, from the step that changed
 * it, and the runtime makes it the instance's class.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  { source: 'import math', tags: ['imports'] },
  {
    source: [
      'class Point:',
      '    unit = "m"',
      '    def __init__(self, x, y):',
      '        self.x, self.y = x, y',
      'origin = Point(0, 0)',
      'corner = Point(3, 4)'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'Point.norm = lambda self: math.hypot(self.x, self.y)',
      'Point.unit += "s"'
    ].join('\n'),
    tags: ['step:patch']
  },
  {
    source: [
      'length = corner.norm()',
      'label = f"{length} {corner.unit}"',
      'same_class = type(origin) is type(corner) and origin.unit == "ms"'
    ].join('\n'),
    tags: ['step:use']
  },
  metricsCell(['length', 'label', 'same_class'])
];

describeSameAsTopToBottom(
  'a notebook class changed in place in a later step',
  'reaches the instances made before the change, as top to bottom',
  { prefix: 'class-changes', name: 'points.ipynb', cells: CELLS },
  { length: 5, label: '5.0 ms', same_class: true }
);
