import { analyzeNotebook } from '../../../src/core/analyze';
import {
  declaredLanguage,
  isPythonLanguage
} from '../../../src/core/notebook/language';
import { codeCell, notebookJson } from '../../support/notebook-json';

function notebook(metadata: Record<string, unknown>) {
  return notebookJson(
    [codeCell('x <- c(1, 2, 3)\nprint(mean(x))', ['step:load'])],
    metadata
  );
}

describe('the language a notebook declares', () => {
  it('reads language_info first, then the kernelspec', () => {
    expect(
      declaredLanguage({
        language_info: { name: 'R' },
        kernelspec: { language: 'python' }
      })
    ).toBe('R');
    expect(declaredLanguage({ kernelspec: { language: 'julia' } })).toBe(
      'julia'
    );
    expect(declaredLanguage({})).toBeNull();
    expect(declaredLanguage({ language_info: { name: 7 } })).toBeNull();
  });

  it.each(['python', 'Python', 'python3', 'ipython'])('%s is Python', name => {
    expect(isPythonLanguage(name)).toBe(true);
  });

  it.each(['R', 'julia', 'scala', 'sos', 'pythonish', 'cpython'])(
    '%s is not Python',
    name => {
      expect(isPythonLanguage(name)).toBe(false);
    }
  );

  it('an R notebook gets one not-python error and no steps, not made-up names', () => {
    const ir = analyzeNotebook(
      notebook({
        kernelspec: { name: 'ir', display_name: 'R', language: 'R' },
        language_info: { name: 'R' }
      }),
      'stats/r.ipynb'
    );
    expect(ir.steps).toEqual([]);
    expect(ir.notebook).toBe('r.ipynb');
    expect(ir.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'not-python',
        cell: null,
        line: 1
      })
    ]);
    expect(ir.diagnostics[0].message).toContain('"R", not Python');
  });

  it('a Python notebook, or one that declares no language, is analysed', () => {
    for (const metadata of [
      {},
      { language_info: { name: 'python' } },
      { kernelspec: { name: 'python3', language: 'python' } }
    ]) {
      const ir = analyzeNotebook(notebook(metadata), 'p.ipynb');
      expect(ir.steps.map(s => s.name)).toEqual(['load']);
      expect(ir.diagnostics.map(d => d.code)).not.toContain('not-python');
    }
  });
});
