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
import { copyTree, ITypeTables, typeTables } from './tree-copy';
import { IWasmMemory, wasmMemory } from './tree-memory';

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
  memory: IWasmMemory;
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
    loaded = checked(created, language, module);
  })().catch(error => {
    starting = null;
    throw error;
  });
  return starting;
}

/**
 * A parse the copy must give, node for node: a probe of the tree layout `tree-memory.ts`
 * assumes (inline and heap subtrees, hidden rules, fields, an operator token, a comment left
 * out, a MISSING token and the error it starts).
 */
const PROBE = {
  source: 'x = -a  # c\ny = f(*b, c=1)\ndef g(:\n    pass\n',
  copy:
    'module 0-44 [expression_statement 0-6 [assignment 0-6 [left:identifier 0-1, ' +
    'right:unary_operator 4-6 [operator:-, argument:identifier 5-6]]], ' +
    'expression_statement 12-26 [assignment 12-26 [left:identifier 12-13, ' +
    'right:call 16-26 [function:identifier 16-17, arguments:argument_list 17-26 ' +
    '[list_splat 18-20 [identifier 19-20], ' +
    'keyword_argument 22-25 [name:identifier 22-23, value:integer 24-25]]]]], ' +
    'function_definition 27-43 [name:identifier 31-32, parameters:parameters 32-33 ' +
    '[) 33-33], body:block 39-43 [pass_statement 39-43]]]',
  errors: [33]
};

/** A copy as one line of text: `field:type from-to [children]` (anonymous tokens: type). */
function copyText(node: IPyNode): string {
  const head = `${node.field ? `${node.field}:` : ''}${node.type}`;
  if (!node.named && node.from !== node.to) {
    return head;
  }
  const children = node.children.length
    ? ` [${node.children.map(copyText).join(', ')}]`
    : '';
  return `${head} ${node.from}-${node.to}${children}`;
}

function checked(parser: Parser, language: Language, module: object): ILoaded {
  const memory = wasmMemory(module);
  const ready = { parser, memory, tables: typeTables(language, memory) };
  const tree = parser.parse(PROBE.source);
  const probe = tree ? copyTree(memory, ready.tables, tree) : null;
  tree?.delete();
  if (
    !probe ||
    copyText(probe.root) !== PROBE.copy ||
    probe.errors.join() !== PROBE.errors.join()
  ) {
    throw new Error(
      'the tree-sitter tree is not laid out as the tree copy expects: it needs the ' +
        `web-tree-sitter pinned in package.json (probe: ${probe ? copyText(probe.root) : 'no tree'})`
    );
  }
  return ready;
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
    loaded = checked(handed.parser, handed.language, handed.module);
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
    return copyTree(ready.memory, ready.tables, tree);
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
