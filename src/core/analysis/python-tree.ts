/**
 * The Python parser: tree-sitter-python 0.25 through web-tree-sitter (design §1: chosen by the
 * differential test against CPython's compile()). Loading the WebAssembly is asynchronous, so
 * each entry point (CLI, engine, analysis thread, lab plugin, tests) awaits
 * `initPythonParser` once; parsing is synchronous after that.
 *
 * A parse is copied at once into plain `IPyNode` objects (comments and line continuations
 * left out) and the tree-sitter tree is freed: the walkers then read JavaScript objects, not
 * WebAssembly memory, and nothing has to be deleted by hand.
 */
import { Language, Parser } from 'web-tree-sitter';
import {
  copyTree,
  cursorExports,
  ICursorExports,
  ITypeTables,
  typeTables
} from './tree-copy';

export interface IPyNode {
  /**
   * The grammar's node type (`call`, `identifier`), or the token's text for an anonymous token
   * (`=`, `-`): those are kept only where they fill a field (`operator`), or are MISSING.
   */
  readonly type: string;
  /** Offsets in the source, in UTF-16 code units (JavaScript string indices). */
  readonly from: number;
  readonly to: number;
  readonly named: boolean;
  /** The field this node fills in its parent (`left`, `body`), if any. */
  readonly field: string | null;
  readonly children: IPyNode[];
}

export interface IPythonParse {
  root: IPyNode;
  /**
   * Where the parser found an error: the start of each ERROR node not inside another one, and
   * of each token it had to assume (a MISSING node), in source order.
   */
  errors: number[];
}

/** The two WebAssembly modules: web-tree-sitter's runtime and the Python grammar. */
export interface IParserWasm {
  runtime: Uint8Array;
  python: Uint8Array;
}

/** The loaded parser, with what the tree copy needs (see `tree-copy.ts`). */
interface ILoaded {
  parser: Parser;
  cursor: ICursorExports;
  tables: ITypeTables;
}

let loaded: ILoaded | null = null;
let starting: Promise<void> | null = null;

/**
 * Loads the parser once; later calls return the same promise. `load` gives the bytes of the
 * two .wasm files (read from disk in Node, fetched from the labextension in the browser).
 */
export function initPythonParser(
  load: () => Promise<IParserWasm>
): Promise<void> {
  if (!starting && current()) {
    return Promise.resolve(); // handed over (see HANDED_OVER)
  }
  starting ??= (async () => {
    const wasm = await load();
    // emscripten makes this object the module: its exports are read from it afterwards
    const module = { wasmBinary: wasm.runtime };
    await Parser.init(module);
    const language = await Language.load(wasm.python);
    const created = new Parser();
    created.setLanguage(language);
    loaded = {
      parser: created,
      cursor: cursorExports(module),
      tables: typeTables(language)
    };
  })().catch(error => {
    starting = null;
    throw error;
  });
  return starting;
}

function current(): ILoaded | null {
  return loaded ?? handedOver();
}

/**
 * A host that has loaded the parser already may hand it over in this global, `{ parser,
 * language, module }` (`module`: the object given to `Parser.init`): the jest environment
 * does (tests/support/python-parser-environment.js), so that test files can analyse while
 * jest collects their tests.
 */
const HANDED_OVER = Symbol.for('cellpipe.pythonParser');

function handedOver(): ILoaded | null {
  const handed = (globalThis as Record<symbol, unknown>)[HANDED_OVER] as
    { parser: Parser; language: Language; module: object } | undefined;
  if (handed && !loaded) {
    loaded = {
      parser: handed.parser,
      cursor: cursorExports(handed.module),
      tables: typeTables(handed.language)
    };
  }
  return loaded;
}

export function pythonParserReady(): boolean {
  return current() !== null;
}

/**
 * Resolves once the parser is ready: at once if it is, when the load under way ends if one is;
 * null if nobody started loading it.
 */
export function whenPythonParser(): Promise<void> | null {
  return pythonParserReady() ? Promise.resolve() : starting;
}

export function parsePythonTree(source: string): IPythonParse {
  const ready = current();
  if (!ready) {
    throw new Error(
      'the Python parser is not loaded: await initPythonParser() (or the Node helper ' +
        'initPythonParserFromFiles()) once before analysing'
    );
  }
  const tree = ready.parser.parse(source);
  if (!tree) {
    throw new Error('the Python parser returned no tree');
  }
  try {
    return copyTree(ready.cursor, ready.tables, tree);
  } finally {
    tree.delete();
  }
}

/**
 * tree-sitter's parse alone, the tree freed at once (for benchmarks: the floor under any
 * analysis on this parser).
 */
export function bareParse(source: string): void {
  const ready = current();
  if (!ready) {
    throw new Error('the Python parser is not loaded');
  }
  ready.parser.parse(source)?.delete();
}

/** The first child filling `field`. */
export function field(node: IPyNode, name: string): IPyNode | null {
  for (const c of node.children) {
    if (c.field === name) {
      return c;
    }
  }
  return null;
}

/** The first child of `type`. */
export function childOfType(node: IPyNode, type: string): IPyNode | null {
  for (const c of node.children) {
    if (c.type === type) {
      return c;
    }
  }
  return null;
}

export function namedChildren(node: IPyNode): IPyNode[] {
  return node.children.filter(c => c.named);
}
