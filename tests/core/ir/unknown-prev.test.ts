/** What an unknown `prev:` says: a step named later, no such step, or the step itself. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

function prevMessages(cells: ReturnType<typeof codeCell>[]): string[] {
  return analyzeNotebook(notebookJson(cells), 'prev.ipynb')
    .diagnostics.filter(d => d.code === 'unknown-prev')
    .map(d => d.message);
}

describe('an unknown prev: tag', () => {
  it('says when it names the step itself', () => {
    expect(
      prevMessages([
        codeCell('x = 1', ['step:load']),
        codeCell('y = x', ['step:a', 'prev:a'])
      ])
    ).toEqual([
      "'prev:a' names this step itself; a step can only run after other steps above it"
    ]);
  });

  it('says when it names a step further down', () => {
    expect(
      prevMessages([
        codeCell('x = 1', ['step:a', 'prev:b']),
        codeCell('y = x', ['step:b'])
      ])
    ).toEqual([
      "'prev:b' names a step that comes later; a step can only run after steps above it"
    ]);
  });

  it('says when no step has the name', () => {
    expect(prevMessages([codeCell('x = 1', ['step:a', 'prev:c'])])).toEqual([
      "'prev:c' names no step of this notebook"
    ]);
  });
});
