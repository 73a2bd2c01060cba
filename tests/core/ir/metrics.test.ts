import { readMetrics } from '../../../src/core/ir/metrics';

describe('readMetrics', () => {
  it('reads print(name) lines as metrics', () => {
    const { metrics, diagnostics } = readMetrics(
      4,
      'print(d1)\nprint(d2)\n# note\nprint(sum_result)'
    );
    expect(metrics.map(m => m.variable)).toEqual(['d1', 'd2', 'sum_result']);
    expect(metrics[2]).toMatchObject({ cell: 4, line: 4, column: 6 });
    expect(diagnostics).toEqual([]);
  });

  it.each([
    ['print(a, b)'],
    ['print(a.b)'],
    ['x = 1'],
    ['print("acc", acc)'],
    ['show(acc)']
  ])('warns about %s', line => {
    const { metrics, diagnostics } = readMetrics(1, line);
    expect(metrics).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'bad-metric',
        severity: 'warning',
        cell: 1,
        line: 1
      })
    ]);
  });
});
