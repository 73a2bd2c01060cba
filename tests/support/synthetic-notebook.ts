/** A synthetic tagged notebook of N code cells: a chain of steps, each reading earlier ones. */
export function syntheticNotebook(
  cells: number,
  cellsPerStep = 5
): {
  cells: object[];
  metadata: object;
  nbformat: number;
  nbformat_minor: number;
} {
  const out: object[] = [
    {
      cell_type: 'code',
      metadata: { tags: ['imports'] },
      source: 'import math\nimport json\n',
      outputs: []
    }
  ];
  for (let i = 1; i < cells; i++) {
    const step = Math.floor(i / cellsPerStep);
    const first = i % cellsPerStep === 0 || i === 1;
    const source = [
      `v${i} = [math.sqrt(k) for k in range(${i % 17})]`,
      i > 1 ? `w${i} = len(v${i - 1}) + sum(v${i})` : `w${i} = 0`,
      `def f${i}(x, y=${i}):`,
      `    return x * y + w${i}`,
      `result${i} = f${i}(w${i}) if w${i} else json.dumps({"k": w${i}})`
    ].join('\n');
    out.push({
      cell_type: 'code',
      metadata: { tags: first ? [`step:s${step}`] : [] },
      source,
      outputs: []
    });
  }
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: out };
}
