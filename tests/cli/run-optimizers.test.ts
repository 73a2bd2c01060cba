/**
 * An optimizer made from a model's parameters (`opt = SGD(model.parameters(), lr=…)`) holds the
 * model's own parameter objects: its `opt.step()` changes the model. In a real local run
 * against the notebook run top to bottom, with a functions cell's small model and optimizer
 * written the way PyTorch's are (no PyTorch here: the analysis goes by the names
 * `parameters()` and `step()`, as it would for torch). Before, the step that trained handed
 * on only the optimizer, and the report took the model as the first step saved it, untrained.
 * Likewise an optimizer's `apply_gradients(zip(grads, model.trainable_variables))`, as
 * TensorFlow's, made in an earlier step: it changes the variables it is given, so the model.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Param:',
      '    def __init__(self, value):',
      '        self.value = value',
      'class Model:',
      '    def __init__(self):',
      '        self.weight = Param(0.0)',
      '        self.bias = Param(1.0)',
      '    def parameters(self):',
      '        return [self.weight, self.bias]',
      'class SGD:',
      '    def __init__(self, params, lr):',
      '        self.params = list(params)',
      '        self.lr = lr',
      '    def step(self):',
      '        for p in self.params:',
      '            p.value += self.lr',
      'class Variable:',
      '    def __init__(self, value):',
      '        self.value = value',
      'class Layer:',
      '    def __init__(self):',
      '        self.trainable_variables = [Variable(0.0)]',
      'class Adam:',
      '    def __init__(self, lr):',
      '        self.lr = lr',
      '        self.iterations = 0',
      '    def apply_gradients(self, pairs):',
      '        self.iterations += 1',
      '        for grad, var in pairs:',
      '            var.value -= self.lr * grad'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: 'model = Model()\nlayer = Layer()\nadam = Adam(0.25)',
    tags: ['step:make']
  },
  {
    source: [
      'opt = SGD(model.parameters(), lr=0.5)',
      'for epoch in range(4):',
      '    opt.step()',
      'for epoch in range(2):',
      '    adam.apply_gradients(zip([2.0], layer.trainable_variables))'
    ].join('\n'),
    tags: ['step:train']
  },
  {
    source: [
      'weight = model.weight.value',
      'bias = model.bias.value',
      'variable = layer.trainable_variables[0].value',
      'iterations = adam.iterations'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['weight', 'bias', 'variable', 'iterations'])
];

describeSameAsTopToBottom(
  'an optimizer made from a model’s parameters',
  'trains the model the later steps take, as top to bottom',
  { prefix: 'optimizers', name: 'optimizers.ipynb', cells: CELLS },
  {
    weight: 2,
    bias: 3,
    variable: -1,
    iterations: 2
  }
);
