/**
 * Times cellpipe's analyzer in-process (bundled by esbuild, plain Node), per notebook, and on a
 * synthetic 1000-cell notebook: a full analysis and incremental re-analysis after one edit.
 * Prints JSON like bench/kale/kale_analyze.py. Each notebook is timed twice: `seconds` in the
 * first sweep over the notebooks (the process still warming up: V8 optimises the parser's
 * WebAssembly and our walkers while it runs), `warmSeconds` in a second sweep, after the whole
 * corpus ran once. `parseSeconds` (second sweep too) is tree-sitter-python's parse alone of the
 * same Python the
 * analyzer parses (each distinct code cell, magics stripped): the floor under any analyzer built
 * on that parser, and so the ceiling on its ratio to Kale.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeNotebookText } from '../../src/core/analyze';
import { IncrementalAnalyzer } from '../../src/core/analysis/incremental';
import { stripMagics } from '../../src/core/analysis/magics';
import { parseNotebookText } from '../../src/core/notebook/model';
import { parseCellTags } from '../../src/core/notebook/tags';
import { bareParse } from '../../src/core/analysis/python-tree';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';
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

/**
 * The Python the analyzer hands to the parser for this notebook: each distinct code cell that is
 * not tagged `skip`, once.
 */
function cellPython(path: string, text: string): string[] {
  const sources = new Set(
    parseNotebookText(text, path)
      .cells.filter(
        cell =>
          cell.cellType === 'code' &&
          parseCellTags(cell.tags).role.kind !== 'skip'
      )
      .map(cell => cell.source)
  );
  return [...sources].map(source => stripMagics(source).python);
}

function timeParseOnly(python: string[]): number[] {
  const seconds: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    for (const cell of python) {
      bareParse(cell);
    }
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

async function main(): Promise<void> {
  await initPythonParserFromFiles();
  const texts = paths.map(path => [path, readFileSync(path, 'utf8')] as const);
  for (const [path, text] of texts) {
    const ir = analyzeNotebookText(text, path);
    results[basename(path)] = {
      seconds: timeNotebook(path, text),
      warmSeconds: [] as number[],
      parseSeconds: [] as number[],
      steps: ir.steps.map(s => ({
        name: s.name,
        ins: s.inputs,
        outs: s.outputs
      }))
    };
  }
  for (const [path, text] of texts) {
    const result = results[basename(path)] as {
      warmSeconds: number[];
      parseSeconds: number[];
    };
    result.warmSeconds = timeNotebook(path, text);
    result.parseSeconds = timeParseOnly(cellPython(path, text));
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
}

void main();
