/**
 * An instance of the notebook's own class that keeps what it is given (`self.model = model` in
 * `__init__`), in a real local run against the notebook run top to bottom: a custom training
 * loop, `trainer = Trainer(net, lr)` then `trainer.train_for(3)` in one step, trains `net`. The
 * step hands `net` on with the training in it; before, the evaluation took `net` as the step that
 * made it left it. Likewise a holder of a list that a method appends to.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Net:',
      '    def __init__(self):',
      '        self.weight = 0.0',
      '',
      'class Trainer:',
      '    def __init__(self, model, lr=0.1, *, log=None):',
      '        self.model = model',
      '        self.lr = lr',
      '        self.log = log',
      '    def train_for(self, epochs):',
      '        for _ in range(epochs):',
      '            self.model.weight += self.lr',
      '            self.log.append(self.model.weight)',
      '',
      'net = Net()',
      'history = []'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: 'trainer = Trainer(net, 0.5, log=history)\ntrainer.train_for(3)',
    tags: ['step:train']
  },
  {
    source: 'weight = net.weight\nepochs = len(history)',
    tags: ['step:evaluate']
  },
  metricsCell(['weight', 'epochs'])
];

describeSameAsTopToBottom(
  'an instance that keeps what it is given',
  'changes it for the steps after, as top to bottom',
  { prefix: 'instance-holds', name: 'trainer.ipynb', cells: CELLS },
  { weight: 1.5, epochs: 3 }
);
