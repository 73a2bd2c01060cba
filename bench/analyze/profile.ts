/**
 * A profiling target for the analyzer: runs one workload many times and prints per-repetition
 * times (mean, median, p90, min). Build and profile:
 *   npx esbuild bench/analyze/profile.ts --bundle --platform=node --alias:web-tree-sitter=./node_modules/web-tree-sitter/tree-sitter.cjs --outfile=bench/.build/analyze-profile.cjs
 *   node --cpu-prof bench/.build/analyze-profile.cjs corpus|full|incremental REPETITIONS [NB...]
 * `corpus` analyses each notebook given, `full` the synthetic 1000-cell notebook from scratch,
 * `incremental` re-analyses it after editing one cell (as bench/analyze/ours.ts does), `ties`
 * the same on a 1,000-step notebook where every step ties names to earlier steps' objects
 * (`b = a`, lists of names, loops that change what a list holds: the aliased-name check's worst
 * case).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeNotebookText } from '../../src/core/analyze';
import { IncrementalAnalyzer } from '../../src/core/analysis/incremental';
import { syntheticNotebook } from '../../tests/support/synthetic-notebook';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

const [mode, repetitionsText, ...paths] = process.argv.slice(2);
const repetitions = Number(repetitionsText);
const texts = paths.map(path => [path, readFileSync(path, 'utf8')] as const);
/** 1,000 steps, each tying names to the step before's and changing a list made at the start. */
function tiedNotebook(): ReturnType<typeof syntheticNotebook> {
  const cell = (source: string, tag: string) => ({
    cell_type: 'code',
    metadata: { tags: [tag] },
    source,
    outputs: [],
    execution_count: null
  });
  const cells = [cell('import math', 'imports')];
  for (let i = 0; i < 1000; i++) {
    cells.push(
      cell(
        i === 0
          ? 'a_0 = [1]\ncombine_0 = [a_0]'
          : `b_${i} = a_${i - 1}\na_${i} = [b_${i}]\na_${i - 1}.append(${i})\n` +
              `for d in combine_0:\n    d.append(1)\ncombine_${i} = [a_${i}, b_${i}]`,
        `step:s${i}`
      )
    );
  }
  return { ...syntheticNotebook(1), cells };
}

const big = mode === 'ties' ? tiedNotebook() : syntheticNotebook(1000);
const analyzer = new IncrementalAnalyzer('big.ipynb');

function once(i: number): void {
  if (mode === 'corpus') {
    texts.forEach(([path, text]) => analyzeNotebookText(text, path));
  } else if (mode === 'full') {
    new IncrementalAnalyzer('big.ipynb').update(big);
  } else if (mode === 'incremental' || mode === 'ties') {
    const edited = { ...big, cells: big.cells.slice() };
    const cell = edited.cells[500] as { source: string };
    edited.cells[500] = { ...cell, source: `${cell.source}\nedit_${i} = ${i}` };
    analyzer.update(edited);
  } else {
    throw new Error(`unknown mode ${mode}: corpus, full, incremental or ties`);
  }
}

async function main(): Promise<void> {
  // The analyzer's parser (WebAssembly) loads once, asynchronously.
  await initPythonParserFromFiles();
  analyzer.update(big);
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    once(i);
    times.push(performance.now() - started);
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const sorted = times.slice().sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.floor((sorted.length - 1) * p)].toFixed(3);
  process.stdout.write(
    `${mode}: ${repetitions} repetitions, ms each: mean ${mean.toFixed(3)}, ` +
      `median ${at(0.5)}, p90 ${at(0.9)}, min ${at(0)}\n`
  );
}

void main();
