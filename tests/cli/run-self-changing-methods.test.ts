/**
 * A method of a notebook class that changes its object (`def bump(self): self.n += 1`), called
 * in a later step on instances the analysis cannot trace to the class (items of a list or a
 * dict, an instance a factory function returned), in a real local run against the notebook run
 * top to bottom: the call changes the receiver, which the step hands on. Before, the steps after
 * took the instances as the first step left them.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Counter:',
      '    def __init__(self):',
      '        self.n = 0',
      '    def bump(self):',
      '        self.n += 1',
      'def make_counter():',
      '    return Counter()',
      'counters = [Counter(), Counter()]',
      'by_name = {"a": Counter()}',
      'made = make_counter()'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'for counter in counters:',
      '    counter.bump()',
      'by_name["a"].bump()',
      'by_name["a"].bump()',
      'made.bump()'
    ].join('\n'),
    tags: ['step:use']
  },
  {
    source: [
      'listed = sum(c.n for c in counters)',
      'named = by_name["a"].n',
      'factory = made.n'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['listed', 'named', 'factory'])
];

describeSameAsTopToBottom(
  'a method that changes its object, called on untraced instances',
  'changes them for the steps after, as top to bottom',
  { prefix: 'self-changing-methods', name: 'counters.ipynb', cells: CELLS },
  {
    listed: 2,
    named: 2,
    factory: 1
  }
);
