/**
 * Times cellpipe's analyzer in-process (bundled by esbuild, plain Node), per notebook, and on a
 * synthetic 1000-cell notebook: a full analysis and incremental re-analysis after one edit.
 * Prints JSON like bench/kale/kale_analyze.py. Each notebook is timed twice: `seconds` in the
 * first sweep over the notebooks (the process still warming up: V8 optimises lezer's parser and
 * ours while it runs), `warmSeconds` in a second sweep, after the whole corpus ran once.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeNotebookText } from '../../src/core/analyze';
import { IncrementalAnalyzer } from '../../src/core/analysis/incremental';
import { syntheticNotebook } from '../../tests/support/synthetic-notebook';

const [repetitionsText, ...paths] = process.argv.slice(2);
const repetitions = Number(repetitionsText);
const results: Record<string, unknown> = {};

function timeNotebook(path: string, text: string): number[] {
  const seconds: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    analyzeNotebookText(text, path);
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

const texts = paths.map(path => [path, readFileSync(path, 'utf8')] as const);
for (const [path, text] of texts) {
  const ir = analyzeNotebookText(text, path);
  results[basename(path)] = {
    seconds: timeNotebook(path, text),
    warmSeconds: [] as number[],
    steps: ir.steps.map(s => ({ name: s.name, ins: s.inputs, outs: s.outputs }))
  };
}
for (const [path, text] of texts) {
  const result = results[basename(path)] as { warmSeconds: number[] };
  result.warmSeconds = timeNotebook(path, text);
}

const big = syntheticNotebook(1000);
const full: number[] = [];
for (let i = 0; i < Math.max(3, repetitions); i++) {
  const started = performance.now();
  new IncrementalAnalyzer('big.ipynb').update(big);
  full.push((performance.now() - started) / 1000);
}
const analyzer = new IncrementalAnalyzer('big.ipynb');
analyzer.update(big);
const incremental: number[] = [];
for (let i = 0; i < 200; i++) {
  const edited = { ...big, cells: big.cells.slice() };
  const cell = edited.cells[500] as { source: string };
  edited.cells[500] = { ...cell, source: `${cell.source}\nedit_${i} = ${i}` };
  const started = performance.now();
  analyzer.update(edited);
  incremental.push((performance.now() - started) / 1000);
}
results['synthetic-1000-cells'] = { full, incremental };
process.stdout.write(JSON.stringify(results));
