/** Runs every analyzer case in tests/data/analyzer/*.txt (see tests/support/analyzer-cases.ts). */
import { join } from 'node:path';
import { analyzeNotebook } from '../../../src/core/analyze';
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import { stepNames } from '../../../src/core/ir/step-names';
import { caseNotebook, loadAnalyzerCases } from '../../support/analyzer-cases';

const cases = loadAnalyzerCases(join(__dirname, '../../data/analyzer'));

function actualLines(c: (typeof cases)[number], wanted: string[]): string[] {
  const ir = analyzeNotebook(caseNotebook(c.cells), 'case.ipynb');
  const lines: string[] = [];
  if (wanted.some(w => w.startsWith('reads:') || w.startsWith('writes:'))) {
    const analyses = c.cells.map(cell => analyzeCellSource(cell.source));
    const names = stepNames(
      c.cells.map((_, i) => i),
      i => analyses[i],
      { available: new Set(), functionReads: new Map() }
    );
    lines.push(
      `reads: ${[...new Set(names.reads.map(r => r.name))].sort().join(', ')}`.trim()
    );
    lines.push(`writes: ${[...names.writes].sort().join(', ')}`.trim());
  }
  for (const step of ir.steps) {
    lines.push(
      `step ${step.name}: inputs=${step.inputs.join(',')} outputs=${step.outputs.join(',')} after=${step.after.join(',')}`
    );
  }
  for (const d of ir.diagnostics) {
    lines.push(`diag: ${d.code}@${d.cell}:${d.line}`);
  }
  return lines;
}

describe('analyzer cases', () => {
  it('has at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases.map(c => [`${c.file}: ${c.title}`, c] as const))(
    '%s',
    (_, c) => {
      const actual = actualLines(c, c.expected);
      const kind = (line: string) => line.split(/[: ]/)[0];
      const code = (line: string) => line.slice('diag: '.length).split('@')[0];
      const expectedCodes = new Set(
        c.expected.filter(e => kind(e) === 'diag').map(code)
      );
      // Multi-cell cases list every diagnostic; single-cell cases only the codes they are about
      // (every read of a lone cell is an undefined name), but a syntax error always shows.
      const keep = (line: string) =>
        kind(line) === 'diag'
          ? c.cells.length > 1 ||
            expectedCodes.has(code(line)) ||
            code(line) === 'syntax-error'
          : c.expected.some(e => kind(e) === kind(line));
      expect(actual.filter(keep)).toEqual(c.expected);
    }
  );
});
