/**
 * The synthetic notebooks the Node benches use (bench/analyze/updates.ts, bench/lab/layout.ts):
 * an imports cell, then one step per cell in one of three shapes.
 *
 * - chain: each step reads the step before's value (the lab bench's notebook);
 * - shared frame: each step also reads the `df` the first step loads, as notebooks that load
 *   their data once do, so the first step has an edge to every other;
 * - shared frame, plotted: each step also draws `df.plot()`.
 */
export type NotebookShape = 'chain' | 'shared frame' | 'shared frame, plotted';

/** Step `i`'s cell, with `typed` appended (a key typed at its end). */
export function stepSource(
  shape: NotebookShape,
  i: number,
  typed = ''
): string {
  const previous = i === 1 ? '0' : `v${i - 1}`;
  const shared = shape !== 'chain';
  let source = `# step ${i}\n`;
  if (shared && i === 1) {
    source += 'df = load_frame("data.csv")\n';
  }
  source += shared
    ? `v${i} = math.sqrt(${previous} + len(df) + ${i})\n`
    : `v${i} = math.sqrt(${previous} + ${i})\n`;
  source += `w${i} = [v${i}] * 3\n`;
  if (shape === 'shared frame, plotted' && i > 1) {
    source += 'df.plot()\n';
  }
  return source + typed;
}

/** A notebook of `cells` cells: the imports cell, then `cells - 1` steps of `shape`. */
export function shapedNotebook(shape: NotebookShape, cells: number) {
  const list: Record<string, unknown>[] = [
    {
      cell_type: 'code',
      metadata: { tags: ['imports'] },
      source: 'import math\nfrom loaders import load_frame\n',
      outputs: [],
      execution_count: null
    }
  ];
  for (let i = 1; i < cells; i++) {
    list.push({
      cell_type: 'code',
      metadata: { tags: [`step:s${i}`] },
      source: stepSource(shape, i),
      outputs: [],
      execution_count: null
    });
  }
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: list };
}
