/**
 * Loops that change what they iterate over: through `enumerate` and `zip` over listed names,
 * over a list an earlier step made, over a dict's `items()`, and by `+=` on the loop variable. A real local run gives the
 * values of the notebook run top to bottom; before, the later step took the containers the
 * first step saved, without the changes.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'train = {"rows": 10}',
      'test = {"rows": 5}',
      'buckets = [[], []]',
      'frames = {"a": {"x": 1}, "b": {"x": 2}}',
      'xs = [1]',
      'ys = [2]'
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'for i, frame in enumerate([train, test]):',
      '    frame["split_id"] = i',
      'for name, part in zip(["train", "test"], [train, test]):',
      '    part["name"] = name',
      'for bucket in buckets:',
      '    bucket.append(1)',
      'for key, frame in frames.items():',
      '    frame["x2"] = frame["x"] * 2',
      'for part in (xs, ys):',
      '    part += [0]'
    ].join('\n'),
    tags: ['step:clean']
  },
  {
    source: [
      "test_label = f\"{test['name']}-{test['split_id']}\"",
      'filled = sum(len(b) for b in buckets)',
      'doubled = frames["b"]["x2"]',
      'extended = len(xs) + len(ys)'
    ].join('\n'),
    tags: ['step:report']
  },
  {
    source: 'print(test_label)\nprint(filled)\nprint(doubled)\nprint(extended)',
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'loops that change what they iterate over',
  'hand the changed containers on, as top to bottom',
  { prefix: 'loop-changes', name: 'loops.ipynb', cells: CELLS },
  {
    test_label: 'test-1',
    filled: 2,
    doubled: 4,
    extended: 4
  }
);
