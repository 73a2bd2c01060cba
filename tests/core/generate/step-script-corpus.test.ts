/** Every step of every corpus notebook renders to a script that compiles, in one py_compile batch. */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebookText } from '../../../src/core/analyze';
import { renderStepScript } from '../../../src/core/generate/step-script';
import { CORPUS } from '../../support/cli';
import { runPython } from '../../support/python';

const notebooks = ['kale', 'kaggle'].flatMap(folder =>
  readdirSync(join(CORPUS, folder))
    .filter(file => file.endsWith('.ipynb'))
    .map(file => join(CORPUS, folder, file))
);

describe('step scripts of the corpus', () => {
  it('all compile and name their cells after the notebook', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cellpipe-corpus-'));
    try {
      const paths: string[] = [];
      for (const notebook of notebooks) {
        const ir = analyzeNotebookText(
          readFileSync(notebook, 'utf8'),
          notebook
        );
        for (const step of ir.steps) {
          const script = renderStepScript(ir, step, {
            metricsFormat: 'kfp-v1'
          });
          for (const cell of step.code) {
            expect(script).toContain(
              `('${ir.notebook} [cell ${cell.cell + 1}]', `
            );
          }
          const path = join(directory, `${paths.length}.py`);
          writeFileSync(path, script);
          paths.push(path);
        }
      }
      expect(paths.length).toBeGreaterThan(40);
      const compiled = runPython(['-m', 'py_compile', ...paths]);
      expect(compiled.stderr).toBe('');
      expect(compiled.status).toBe(0);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
