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

  it('leaves the input object unchanged', () => {
    const input = notebookOf([markdown('## A'), code('a = 1')]);
    const before = JSON.stringify(input);
    tagByHeadings(input, 'nb.ipynb');
    expect(JSON.stringify(input)).toBe(before);
  });
});
