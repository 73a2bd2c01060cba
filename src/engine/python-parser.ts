/**
 * Loads the Python parser's WebAssembly (see core/analysis/python-tree.ts) from disk: beside
 * the engine bundle (cellpipe/engine/, where scripts/build-engine.mjs copies the two files and
 * the Python wheel ships them), else from node_modules (tests, sources run directly).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { initPythonParser } from '../core/analysis/python-tree';

export const PARSER_WASM_FILES = {
  runtime: 'web-tree-sitter/tree-sitter.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm'
};

function wasmPath(spec: string): string {
  const beside = join(__dirname, spec.slice(spec.lastIndexOf('/') + 1));
  return existsSync(beside) ? beside : require.resolve(spec);
}

/**
 * V8 recompiles a WebAssembly function with its optimising compiler once it has run enough
 * (its tiering budget). With the default budget, analysing one small notebook already sends
 * tree-sitter's parser functions there, which costs the CLI about 80 ms of CPU on every start
 * and gains nothing. A budget 100 times larger leaves short runs on the baseline compiler; a
 * large cell still spends it within its first fraction of a second and runs optimised code.
 */
const WASM_TIERING_BUDGET = '--wasm-tiering-budget=180000000';

/** Loads the parser once (later calls share the first); then analyses may run. */
export function initPythonParserFromFiles(): Promise<void> {
  setFlagsFromString(WASM_TIERING_BUDGET);
  return initPythonParser(async () => ({
    runtime: readFileSync(wasmPath(PARSER_WASM_FILES.runtime)),
    python: readFileSync(wasmPath(PARSER_WASM_FILES.python))
  }));
}
