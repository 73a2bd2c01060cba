/**
 * An instance of a notebook class given an attribute after it is made (`trainer.lr = 0.1`, or
 * a hook `trainer.hook = log_step`), whose method a later step calls, in a real local run
 * against the notebook run top to bottom: that step hands the instance on changed, and what the
 * hook changes too. Before, the attribute made the analysis forget the instance, and the steps
 * after took it as the first step left it.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Trainer:',
      '    def __init__(self):',
      '        self.steps = 0',
      '        self.hook = None',
      '    def advance(self):',
      '        self.steps += 1',
      '        if self.hook:',
      '            self.hook(self.steps)',
      'seen = []',
      'def log_step(n):',
      '    seen.append(n)',
      'trainer = Trainer()',
      'trainer.lr = 0.1',
      'hooked = Trainer()',
      'hooked.hook = log_step'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: 'trainer.advance()\ntrainer.advance()\nhooked.advance()',
    tags: ['step:train']
  },
  {
    source: [
      'trained = trainer.steps',
      'hooked_steps = hooked.steps',
      'logged = len(seen)'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['trained', 'hooked_steps', 'logged'])
];

describeSameAsTopToBottom(
  'an instance given attributes after it is made',
  'is handed on changed by the step that calls its method',
  { prefix: 'instance-attributes', name: 'trainer.ipynb', cells: CELLS },
  {
    trained: 2,
    hooked_steps: 1,
    logged: 1
  }
);
