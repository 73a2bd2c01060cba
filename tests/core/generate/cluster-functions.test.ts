/**
 * Functions and classes handed between steps on a cluster need cloudpickle in the step image:
 * compiling for Argo or KFP warns (`notebook-function`) where a step first uses each one.
 */
import { analyzeNotebookText } from '../../../src/core/analyze';
import { notebookFunctionWarnings } from '../../../src/core/generate/cluster-functions';
import { CompileTarget } from '../../../src/core/generate/compiled';
import { codeCell, ICodeCell, notebookJson } from '../../support/notebook-json';

/** [code, cell, line, column, message] of each warning. */
function warnings(cells: ICodeCell[], target: CompileTarget = 'argo') {
  const ir = analyzeNotebookText(
    JSON.stringify(notebookJson(cells)),
    'functions.ipynb'
  );
  return notebookFunctionWarnings(ir, target).map(d => [
    d.code,
    d.cell,
    d.line,
    d.column,
    d.message
  ]);
}

const message = (
  user: string,
  name: string,
  definer: string,
  engine = 'Argo'
) =>
  `step '${user}' uses '${name}', which step '${definer}' defines: on ${engine} it reaches ` +
  "the step only if the step image has cloudpickle (2.1 or later; scikit-learn's joblib brings " +
  `it), which saves it with its code; without it (python:3.11-slim has none), step '${user}' ` +
  'fails to load it. Install cloudpickle in the step image, or define it in a functions cell, ' +
  'which every step runs';

test('a function, a class and a lambda one step defines and a later one uses', () => {
  const cells = [
    codeCell(
      'def clean(s):\n    return s.strip()\nclass Box:\n    pass\nsquare = lambda v: v * v',
      ['step:define']
    ),
    codeCell('x = 1\ny = clean(" a ")\nb = Box()\nz = square(3)', ['step:use'])
  ];
  expect(warnings(cells, 'kfp')).toEqual([
    [
      'notebook-function',
      1,
      2,
      4,
      message('use', 'clean', 'define', 'Kubeflow Pipelines')
    ],
    [
      'notebook-function',
      1,
      3,
      4,
      message('use', 'Box', 'define', 'Kubeflow Pipelines')
    ],
    [
      'notebook-function',
      1,
      4,
      4,
      message('use', 'square', 'define', 'Kubeflow Pipelines')
    ]
  ]);
});

test('once per function, where the first step that uses it names it', () => {
  const cells = [
    codeCell('def f():\n    return 1', ['step:define']),
    codeCell('a = f()', ['step:first']),
    codeCell('b = f()', ['step:second'])
  ];
  expect(warnings(cells)).toEqual([
    ['notebook-function', 1, 1, 4, message('first', 'f', 'define')]
  ]);
});

test('a use inside a function body, and one through another function', () => {
  const cells = [
    codeCell('def inner():\n    return 1\ndef outer():\n    return inner()', [
      'step:define'
    ]),
    codeCell('def later():\n    return outer()\nv = later()', ['step:use'])
  ];
  // `later` reads outer (in its body); outer reads inner, which the step names nowhere.
  expect(warnings(cells).map(w => w.slice(0, 4))).toEqual([
    ['notebook-function', 1, 1, 0],
    ['notebook-function', 1, 2, 11]
  ]);
  expect(warnings(cells).map(w => w[4])).toEqual([
    message('use', 'inner', 'define'),
    message('use', 'outer', 'define')
  ]);
});

test('no warning for values, for functions cells, or for a name rebound to a value', () => {
  const cells = [
    codeCell('import math', ['imports']),
    codeCell('def shared():\n    return 2', ['functions']),
    codeCell('def f():\n    return 1\nrows = [1]', ['step:define']),
    codeCell('f = 3', ['step:rebind']),
    codeCell('print(f, rows, shared(), math.pi)', ['step:use'])
  ];
  expect(warnings(cells)).toEqual([]);
});

test('a definition that a later cell of the same step replaces with a value', () => {
  const cells = [
    codeCell('def g():\n    return 1', ['step:define']),
    codeCell('g = g()'),
    codeCell('print(g)', ['step:use'])
  ];
  expect(warnings(cells)).toEqual([]);
});

test("an instance of a step's class, but not of a functions cell's", () => {
  const cells = [
    codeCell('class Shared:\n    pass', ['functions']),
    codeCell('class Reader:\n    pass', ['step:define']),
    codeCell('reader = Reader()\nshared = Shared()', ['step:make']),
    codeCell('print(reader, shared)', ['step:use'])
  ];
  expect(warnings(cells)).toEqual([
    ['notebook-function', 2, 1, 9, message('make', 'Reader', 'define')],
    [
      'notebook-function',
      3,
      1,
      6,
      "step 'use' uses 'reader', which step 'make' makes from the class 'Reader' that a step " +
        'defines: on Argo it reaches the step only if the step image has cloudpickle (2.1 or ' +
        "later; scikit-learn's joblib brings it), which saves it with its code; without it " +
        "(python:3.11-slim has none), step 'use' fails to load it. Install cloudpickle in the " +
        'step image, or define the class in a functions cell, which every step runs'
    ]
  ]);
});
