/**
 * A step that changes an earlier step's object through a part of it (`params = cfg["model"]`,
 * then `params["lr"] = 0.1`; an attribute's list appended to), in a real local run against the
 * notebook run top to bottom. Before, the step handed on only the part, and the last step took
 * the whole as the first step saved it. Likewise the names a dict lists, changed through it in a later
 * cell of the step. And changes through `getattr(o, …)` and `vars(o)`.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Run:',
      '    def __init__(self):',
      '        self.history = []',
      'cfg = {"model": {"lr": 1.0}, "rows": [1, 2]}',
      'run = Run()',
      'layers = [[1], [2]]',
      'first, second = [1], [2, 3]'
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'params = cfg["model"]',
      'params["lr"] = 0.1',
      'history = run.history',
      'rows = cfg["rows"]'
    ].join('\n'),
    tags: ['step:tune']
  },
  { source: 'rows.append(3)\nhistory.append("tuned")' },
  {
    source: [
      'last = layers[-1]',
      'last.extend([3, 4])',
      'getattr(run, "history").append("grown")',
      'vars(run)["tag"] = "grown"'
    ].join('\n'),
    tags: ['step:grow']
  },
  {
    source: 'frames = {"first": first, "second": second}',
    tags: ['step:widen']
  },
  { source: 'for frame in frames.values():\n    frame.append(0)' },
  {
    source: [
      'lr = cfg["model"]["lr"]',
      'row_count = len(cfg["rows"])',
      'history_length = len(run.history)',
      'layer_items = sum(map(len, layers))',
      'widened = len(first) + len(second)',
      'tag = getattr(run, "tag", "none")'
    ].join('\n'),
    tags: ['step:report']
  },
  {
    source:
      'print(lr)\nprint(row_count)\nprint(history_length)\nprint(layer_items)\nprint(widened)\nprint(tag)',
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'a change to a part of an earlier step’s object',
  'reaches later steps through the whole, as top to bottom',
  { prefix: 'object-parts', name: 'parts.ipynb', cells: CELLS },
  {
    lr: 0.1,
    row_count: 3,
    history_length: 2,
    layer_items: 4,
    widened: 5,
    tag: 'grown'
  }
);
