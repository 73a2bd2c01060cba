/**
 * Times cellpipe's compile in-process (bundled by esbuild, plain Node): for each notebook,
 * reading the text → analysis → `compile(ir, 'kfp')` (and the same for Argo), i.e. what
 * `cellpipe compile` does minus process start-up and writing. One warm-up sweep over all
 * notebooks first (V8 optimises the parser and generators while it runs), then the timed ones.
 * Prints JSON {notebook: {kfp: [seconds...], argo: [...], kfpBytes, argoBytes}} or {error}.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeNotebookText } from '../../src/core/analyze';
import { compile } from '../../src/core/generate/compile';
import { CompileTarget } from '../../src/core/generate/compiled';
import { UserError } from '../../src/core/errors';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

const [repetitionsText, ...paths] = process.argv.slice(2);
const repetitions = Number(repetitionsText);

function compileOnce(
  path: string,
  text: string,
  target: CompileTarget
): string {
  return compile(analyzeNotebookText(text, path), target).text;
}

function timed(path: string, text: string, target: CompileTarget): number[] {
  const seconds: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    compileOnce(path, text, target);
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

async function main(): Promise<void> {
  // The analyzer's parser (WebAssembly) loads once, asynchronously.
  await initPythonParserFromFiles();
  const texts = paths.map(path => [path, readFileSync(path, 'utf8')] as const);
  const usable = texts.filter(([path, text]) => {
    try {
      compileOnce(path, text, 'kfp');
      compileOnce(path, text, 'argo');
      return true;
    } catch (error) {
      if (error instanceof UserError) {
        return false;
      }
      throw error;
    }
  });
  const results: Record<string, unknown> = {};
  for (const [path, text] of texts) {
    if (!usable.some(([p]) => p === path)) {
      try {
        compileOnce(path, text, 'kfp');
      } catch (error) {
        results[basename(path)] = { error: (error as Error).message };
      }
    }
  }
  for (const [path, text] of usable) {
    results[basename(path)] = {
      kfp: timed(path, text, 'kfp'),
      argo: timed(path, text, 'argo'),
      kfpBytes: Buffer.byteLength(compileOnce(path, text, 'kfp')),
      argoBytes: Buffer.byteLength(compileOnce(path, text, 'argo'))
    };
  }
  process.stdout.write(JSON.stringify(results));
}

void main();
