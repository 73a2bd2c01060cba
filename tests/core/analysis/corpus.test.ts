/** Every corpus notebook is analysed without a crash; the Kale ones match their goldens. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNotebookText } from '../../../src/core/analyze';
import { analyzeSummary } from '../../../src/core/ir/summary';
import { CORPUS, ROOT } from '../../support/cli';

const notebooks = (folder: string) =>
  readdirSync(join(CORPUS, folder))
    .filter(f => f.endsWith('.ipynb'))
    .map(f => [f, join(CORPUS, folder, f)] as const);

describe('corpus', () => {
  it.each([...notebooks('kale'), ...notebooks('kaggle')])(
    '%s analyses without a crash',
    (_, path) => {
      const ir = analyzeNotebookText(readFileSync(path, 'utf8'), path);
      expect(ir.diagnostics.filter(d => d.code === 'not-a-notebook')).toEqual(
        []
      );
      expect(ir.diagnostics.filter(d => d.code === 'syntax-error')).toEqual([]);
    }
  );

  it.each(notebooks('kale'))(
    '%s matches its golden IR byte for byte',
    (file, path) => {
      const ir = analyzeNotebookText(readFileSync(path, 'utf8'), path);
      const golden = readFileSync(
        join(
          ROOT,
          'tests',
          'golden',
          'analyze',
          file.replace(/\.ipynb$/, '.json')
        ),
        'utf8'
      );
      expect(JSON.stringify(analyzeSummary(ir), null, 2) + '\n').toBe(golden);
    }
  );

  it('untagged Kaggle notebooks give one empty-pipeline error, not one per cell', () => {
    for (const [, path] of notebooks('kaggle')) {
      const ir = analyzeNotebookText(readFileSync(path, 'utf8'), path);
      expect(
        ir.diagnostics.filter(d => d.severity === 'error').map(d => d.code)
      ).toEqual(['empty-pipeline']);
    }
  });
});
