/** Incremental analysis: one edited cell is re-analysed, the rest reused, same result as a full run. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { IncrementalAnalyzer } from '../../../src/core/analysis/incremental';
import { syntheticNotebook } from '../../support/synthetic-notebook';

describe('IncrementalAnalyzer', () => {
  it('re-parses only the edited cell of a 1000-cell notebook and agrees with a full analysis', () => {
    const notebook = syntheticNotebook(1000);
    const analyzer = new IncrementalAnalyzer('big.ipynb');
    const first = analyzer.update(notebook);
    expect(first.steps.length).toBe(200);
    expect(analyzer.cachedCells).toBe(1000);

    const edited = JSON.parse(JSON.stringify(notebook));
    edited.cells[500].source += '\nextra = w499 + 1';
    expect(analyzer.lastParsedCells).toBe(1000);
    const second = analyzer.update(edited);
    expect(analyzer.lastParsedCells).toBe(1);

    expect(second).toEqual(analyzeNotebook(edited, 'big.ipynb'));
    expect(analyzer.cachedCells).toBe(1000);
  });

  it('follows tag edits, which change the IR without re-parsing', () => {
    const notebook = syntheticNotebook(20);
    const analyzer = new IncrementalAnalyzer('small.ipynb');
    const before = analyzer.update(notebook);
    const edited = JSON.parse(JSON.stringify(notebook));
    edited.cells[7].metadata.tags = ['step:extra'];
    const after = analyzer.update(edited);
    expect(after.steps.length).toBe(before.steps.length + 1);
    expect(after).toEqual(analyzeNotebook(edited, 'small.ipynb'));
  });

  it('reports a notebook that stops being one, then recovers', () => {
    const analyzer = new IncrementalAnalyzer('x.ipynb');
    expect(analyzer.update({ nbformat: 4 }).diagnostics[0].code).toBe(
      'not-a-notebook'
    );
    expect(analyzer.update(syntheticNotebook(10)).steps.length).toBe(2);
  });
});
