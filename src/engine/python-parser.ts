/**
 * Loads the Python parser's WebAssembly (see core/analysis/python-tree.ts) from disk: beside
 * the engine bundle (cellpipe/engine/, where scripts/build-engine.mjs copies the two files and
 * the Python wheel ships them), else from node_modules (tests, sources run directly).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { initPythonParser } from '../core/analysis/python-tree';
import { WASM_TIERING_BUDGET } from './wasm-tiering';

export const PARSER_WASM_FILES = {
  runtime: 'web-tree-sitter/tree-sitter.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm'
};

function wasmPath(spec: string): string {
  const beside = join(__dirname, spec.slice(spec.lastIndexOf('/') + 1));
  return existsSync(beside) ? beside : require.resolve(spec);
}

/** Loads the parser once (later calls share the first); then analyses may run. */
export function initPythonParserFromFiles(): Promise<void> {
  setFlagsFromString(WASM_TIERING_BUDGET);
  return initPythonParser(async () => ({
    runtime: readFileSync(wasmPath(PARSER_WASM_FILES.runtime)),
    python: readFileSync(wasmPath(PARSER_WASM_FILES.python))
  }));
}
