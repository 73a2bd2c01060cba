/** tagByHeadings: which tags the cells before and after the headings get. */
import { tagByHeadings } from '../../../src/core/notebook/tag-by-headings';
import { analyzeNotebook } from '../../../src/core/analyze';

const code = (source: string) => ({
  cell_type: 'code',
  metadata: {},
  source,
  outputs: [],
  execution_count: null
});
const markdown = (source: string) => ({
  cell_type: 'markdown',
  metadata: {},
  source
});
const notebookOf = (cells: object[]) => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells
});
const tagsOf = (notebook: Record<string, unknown>) =>
  (notebook.cells as { metadata: { tags?: string[] } }[]).map(
    c => c.metadata.tags ?? []
  );

describe('tagByHeadings', () => {
  it('makes every import-only leading cell an imports cell and starts a setup step after one', () => {
    const input = notebookOf([
      code('import os\nimport numpy as np\nnp.set_printoptions(precision=3)'),
      code('files = os.listdir(".")'),
      code('import pandas as pd'),
      code('frame = pd.DataFrame({"f": files})'),
      markdown('## Train the model'),
      code('model = len(frame)'),
      code('print(model)')
    ]);
    const { notebook, steps, imports } = tagByHeadings(input, 'nb.ipynb');
    expect(tagsOf(notebook)).toEqual([
      ['imports'],
      ['step:setup'],
      ['imports'],
      ['step:setup_2'],
      [],
      ['step:train_the_model'],
      []
    ]);
    expect(imports).toEqual([0, 2]);
    expect(steps.map(s => [s.name, s.cell])).toEqual([
      ['setup', 1],
      ['setup_2', 3],
      ['train_the_model', 5]
    ]);
    const ir = analyzeNotebook(notebook, 'nb.ipynb');
    expect(ir.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    expect(ir.steps.map(s => [s.name, s.inputs])).toEqual([
      ['setup', []],
      ['setup_2', ['files']],
      ['train_the_model', ['frame']]
    ]);
  });

  it('deduplicates step names from repeated headings and skips empty code cells', () => {
    const input = notebookOf([
      markdown('# Title\n\n## Plot'),
      code('   \n'),
      code('%matplotlib inline\nx = 1'),
      markdown('## Plot'),
      code('y = x + 1')
    ]);
    const { notebook } = tagByHeadings(input, 'nb.ipynb');
    expect(tagsOf(notebook)).toEqual([
      [],
      [],
      ['step:plot'],
      [],
      ['step:plot_2']
    ]);
  });

  it('keeps the roles cells already have, and refuses a notebook with step tags', () => {
    const tagged = (source: string, tags: string[]) => ({
      ...code(source),
      metadata: { tags }
    });
    const input = notebookOf([
      tagged('import pandas as pd', ['imports']),
      markdown('## Load'),
      tagged('def clean(df):\n    return df.dropna()', ['functions']),
      code('df = pd.DataFrame({"a": [1]})'),
      markdown('## Report'),
      tagged('rows = 5', ['pipeline-parameters']),
      code('print(clean(df), rows)')
    ]);
    const { notebook, steps } = tagByHeadings(input, 'nb.ipynb');
    expect(tagsOf(notebook)).toEqual([
      ['imports'],
      [],
      ['functions'],
      ['step:load'],
      [],
      ['pipeline-parameters'],
      ['step:report']
    ]);
    expect(steps.map(s => s.name)).toEqual(['load', 'report']);
    expect(
      analyzeNotebook(notebook, 'nb.ipynb').diagnostics.filter(
        d => d.severity === 'error'
      )
    ).toEqual([]);

    // A plain cell after a kept role cell would join that role: it goes on in a step of its own.
    const middle = notebookOf([
      code('x = 1'),
      tagged('def f():\n    return 2', ['functions']),
      code('y = f() + x'),
      markdown('## Train'),
      code('model = y'),
      tagged('print(model)', ['pipeline-metrics']),
      code('plot = model + 1'),
      tagged('print("debug")', ['skip']),
      code('done = plot')
    ]);
    const split = tagByHeadings(middle, 'nb.ipynb');
    expect(tagsOf(split.notebook)).toEqual([
      ['step:setup'],
      ['functions'],
      ['step:setup_2'],
      [],
      ['step:train'],
      ['pipeline-metrics'],
      ['step:train_2'],
      ['skip'],
      []
    ]);
    expect(
      analyzeNotebook(split.notebook, 'nb.ipynb').diagnostics.filter(
        d => d.severity !== 'info'
      )
    ).toEqual([]);

    const withStep = notebookOf([
      tagged('import pandas as pd', ['imports']),
      markdown('## Load'),
      tagged('df = 1', ['step:load', 'limit:memory:1Gi'])
    ]);
    expect(() => tagByHeadings(withStep, 'nb.ipynb')).toThrow(
      'the notebook already has step tags (cell 3: step:load, limit:memory:1Gi); remove them first to tag it by headings'
    );
  });

  it('leaves the input object unchanged', () => {
    const input = notebookOf([markdown('## A'), code('a = 1')]);
    const before = JSON.stringify(input);
    tagByHeadings(input, 'nb.ipynb');
    expect(JSON.stringify(input)).toBe(before);
  });
});
