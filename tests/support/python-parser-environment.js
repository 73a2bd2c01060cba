// Jest's Node environment with the analyzer's parser already loaded. Loading it is asynchronous
// (WebAssembly), and test files analyse notebooks while jest collects their tests, before any
// beforeAll could await it; so the environment loads it (once per worker) and hands it over to
// src/core/analysis/python-tree.ts through the global it reads (HANDED_OVER there).
const { readFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');

const HANDED_OVER = Symbol.for('cellpipe.pythonParser');
let loading;

async function loadParser() {
  const { Language, Parser } = require('web-tree-sitter');
  // emscripten makes this object the module; the tree copy reads its memory views
  const emscriptenModule = {
    wasmBinary: readFileSync(
      require.resolve('web-tree-sitter/tree-sitter.wasm')
    )
  };
  await Parser.init(emscriptenModule);
  const language = await Language.load(
    readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm'))
  );
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language, module: emscriptenModule };
}

class PythonParserEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    loading ??= loadParser();
    this.global[HANDED_OVER] = await loading;
  }
}

module.exports = PythonParserEnvironment;
