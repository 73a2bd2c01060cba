/**
 * Per-key bench (issue 12): the incremental analyzer's update after one cell of a 1,000-cell
 * notebook changes, as the lab runs it on every key (the notebook read, the one cell parsed,
 * the IR built, the DAG's key made), in three notebook shapes:
 *
 * - chain: each step reads the step before's value (the lab bench's notebook);
 * - shared frame: each step also reads the `df` the first step loads, as notebooks that load
 *   their data once do, so every step's producer lookup reaches back to the first step;
 * - shared frame, plotted: each step also draws `df.plot()` (a drawing the IR must tell from a
 *   figure's, figures.ts).
 *
 * Cell 100's text changes on each update (a key typed), the others stay the same objects, as in
 * the lab's snapshots. Prints JSON; `node bench/analyze/updates.mjs` runs it.
 */
import { IncrementalAnalyzer } from '../../src/core/analysis/incremental';
import { dagKey } from '../../src/lab/sidebar/dag-model';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';
import {
  NotebookShape as Shape,
  shapedNotebook,
  stepSource
} from '../lib/shaped-notebook';

const CELLS = 1000;
const EDITED = 100;
/** ms per update (wall and CPU) over `updates` keys, after as many to warm up. */
function perUpdate(
  shape: Shape,
  updates: number
): { wall: number; cpu: number } {
  const analyzer = new IncrementalAnalyzer('bench.ipynb');
  const book = shapedNotebook(shape, CELLS);
  const type = (key: number) => {
    // a new object for the edited cell only, as a snapshot of the lab's model makes
    book.cells[EDITED] = {
      ...book.cells[EDITED],
      source: stepSource(shape, EDITED, 'x'.repeat(1 + (key % 40)))
    };
    dagKey(analyzer.update(book).steps);
  };
  for (let key = 0; key < updates; key++) {
    type(key);
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let key = 0; key < updates; key++) {
    type(key);
  }
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    wall: wall / updates,
    cpu: (used.user + used.system) / 1000 / updates
  };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 1000) / 1000;

async function main(): Promise<void> {
  await initPythonParserFromFiles();
  const rounds = Number(process.argv[2] ?? 3);
  const updates = Number(process.argv[3] ?? 300);
  const shapes: Shape[] = ['chain', 'shared frame', 'shared frame, plotted'];
  const samples = new Map<Shape, { wall: number; cpu: number }[]>(
    shapes.map(shape => [shape, []])
  );
  // rounds go over every shape in turn, so a slow spell hits each alike
  for (let r = 0; r < rounds; r++) {
    for (const shape of shapes) {
      samples.get(shape)!.push(perUpdate(shape, updates));
    }
  }
  const rows = shapes.map(shape => {
    const taken = samples.get(shape)!;
    return {
      notebook: shape,
      cells: CELLS,
      updates,
      rounds,
      msPerUpdate: round(median(taken.map(s => s.wall))),
      cpuMsPerUpdate: round(median(taken.map(s => s.cpu))),
      samples: taken.map(s => ({ wall: round(s.wall), cpu: round(s.cpu) }))
    };
  });
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}

void main();
