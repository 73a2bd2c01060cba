/**
 * The DAG's full layout (`layoutDag`, dagre) for notebooks of 100, 300 and 1,000 cells in two
 * shapes: a chain (each step reads the step before's value, the lab bench's notebook), and a
 * shared frame (each step also reads the `df` the first step loads, so the first step has an
 * edge to every other). Median of 3 layouts each, after one to warm up. Prints JSON;
 * `node bench/lab/layout.mjs` runs it.
 */
import { IncrementalAnalyzer } from '../../src/core/analysis/incremental';
import { layoutDag } from '../../src/lab/sidebar/dag-model';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';
import { shapedNotebook } from '../lib/shaped-notebook';

async function main(): Promise<void> {
  await initPythonParserFromFiles();
  const rows: Record<string, unknown>[] = [];
  for (const shared of [false, true]) {
    for (const cells of [100, 300, 1000]) {
      const ir = new IncrementalAnalyzer('bench.ipynb').update(
        shapedNotebook(shared ? 'shared frame' : 'chain', cells)
      );
      const edges = ir.steps.reduce((n, step) => n + step.after.length, 0);
      layoutDag(ir.steps);
      const times: number[] = [];
      for (let r = 0; r < 3; r++) {
        const start = performance.now();
        layoutDag(ir.steps);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      rows.push({
        notebook: shared ? 'shared frame' : 'chain',
        cells,
        steps: ir.steps.length,
        edges,
        layoutMs: Math.round(times[1]),
        samplesMs: times.map(t => Math.round(t))
      });
    }
  }
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

void main();
