/**
 * What the analyzer says of a magic: a cell magic whose body is Python that runs (`%%time`,
 * `%%capture`) says the code runs without it; a magic that is dropped says it does not run.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

function magicMessages(source: string): string[] {
  return analyzeNotebook(
    notebookJson([codeCell(source, ['step:a'])]),
    'magic.ipynb'
  )
    .diagnostics.filter(d => d.code === 'unsupported-magic')
    .map(d => d.message);
}

describe('magic messages', () => {
  it('a cell magic whose body runs says the code runs without it', () => {
    expect(magicMessages('%%time\nx = 1')).toEqual([
      "'%%time' is IPython, not Python: the pipeline runs the cell's code without it"
    ]);
  });

  it('a dropped magic says it does not run', () => {
    expect(magicMessages('%matplotlib inline\nx = 1')).toEqual([
      "'%matplotlib inline' is IPython, not Python; it does not run in the pipeline"
    ]);
    expect(magicMessages('%%bash\necho hi')).toEqual([
      "'%%bash' is IPython, not Python; it does not run in the pipeline"
    ]);
  });
});
