/**
 * The analyzer's parser in the browser: the two WebAssembly files are assets of the
 * labextension (webpack emits them beside the bundle, `new URL(..., import.meta.url)`), fetched
 * and compiled once, as soon as the sidebar plugin activates. Analyses wait for it: see
 * `whenPythonParser`.
 */
import { initPythonParser } from '../core/analysis/python-tree';

async function bytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`cellpipe: ${url} answered ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** Starts loading the parser (once); the promise settles when it is ready. */
export function loadPythonParser(): Promise<void> {
  return initPythonParser(async () => {
    const [runtime, python] = await Promise.all([
      bytes(new URL('web-tree-sitter/tree-sitter.wasm', import.meta.url)),
      bytes(
        new URL('tree-sitter-python/tree-sitter-python.wasm', import.meta.url)
      )
    ]);
    return { runtime, python };
  });
}
