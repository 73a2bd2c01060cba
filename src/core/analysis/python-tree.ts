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

let parser: Parser | null = null;
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
    await Parser.init({ wasmBinary: wasm.runtime });
    const language = await Language.load(wasm.python);
    const created = new Parser();
    created.setLanguage(language);
    tables = tablesOf(language);
    parser = created;
  })().catch(error => {
    starting = null;
    throw error;
  });
  return starting;
}

function current(): Parser | null {
  return parser ?? handedOver();
}

/**
 * A host that has loaded the parser already may hand it over in this global, `{ parser,
 * language }`: the jest environment does (tests/support/python-parser-environment.js), so that
 * test files can analyse while jest collects their tests.
 */
const HANDED_OVER = Symbol.for('cellpipe.pythonParser');

function handedOver(): Parser | null {
  const handed = (globalThis as Record<symbol, unknown>)[HANDED_OVER] as
    { parser: Parser; language: Language } | undefined;
  if (handed && !parser) {
    tables = tablesOf(handed.language);
    parser = handed.parser;
  }
  return parser;
}

export function pythonParserReady(): boolean {
  return (parser ?? handedOver()) !== null;
}

/**
 * Resolves once the parser is ready: at once if it is, when the load under way ends if one is;
 * null if nobody started loading it.
 */
export function whenPythonParser(): Promise<void> | null {
  return pythonParserReady() ? Promise.resolve() : starting;
}

export function parsePythonTree(source: string): IPythonParse {
  const parser = current();
  if (!parser) {
    throw new Error(
      'the Python parser is not loaded: await initPythonParser() (or the Node helper ' +
        'initPythonParserFromFiles()) once before analysing'
    );
  }
  const tree = parser.parse(source);
  if (!tree) {
    throw new Error('the Python parser returned no tree');
  }
  try {
    return copyTree(tree.walk(), tree.rootNode.hasError);
  } finally {
    tree.delete();
  }
}

/**
 * tree-sitter's parse alone, the tree freed at once (for benchmarks: the floor under any
 * analysis on this parser).
 */
export function bareParse(source: string): void {
  const parser = current();
  if (!parser) {
    throw new Error('the Python parser is not loaded');
  }
  parser.parse(source)?.delete();
}

/** What the copy needs to know of each node type and field, by id (see `tablesOf`). */
interface ITables {
  types: string[];
  fields: (string | null)[];
  /** Named node types; anonymous tokens (`=`, `(`, keywords) are copied only with a field. */
  named: boolean[];
  /** Comments and line continuations: left out of the copy. */
  leftOut: boolean[];
}

let tables: ITables | null = null;

function tablesOf(language: Language): ITables {
  const types = language.types.map(t => t ?? 'ERROR');
  return {
    types,
    fields: language.fields.map(f => f ?? null),
    named: types.map((_, id) => language.nodeTypeIsNamed(id)),
    leftOut: types.map(t => t === 'comment' || t === 'line_continuation')
  };
}

type Cursor = ReturnType<import('web-tree-sitter').Tree['walk']>;

/**
 * Copies the tree through one cursor, with as few calls into the WebAssembly as possible:
 * the type and field by id, positions only for the nodes kept.
 */
function copyTree(cursor: Cursor, hasError: boolean): IPythonParse {
  const { types, fields, named, leftOut } = tables!;
  const errors: number[] = [];
  const root: IPyNode = {
    type: types[cursor.nodeTypeId],
    from: cursor.startIndex,
    to: cursor.endIndex,
    named: true,
    field: null,
    children: []
  };
  const stack: IPyNode[] = [root];
  /** The stack depths of the ERROR nodes the cursor is inside. */
  const errorDepths: number[] = [];
  try {
    if (!cursor.gotoFirstChild()) {
      return { root, errors };
    }
    for (;;) {
      const id = cursor.nodeTypeId;
      // ERROR's id (65535) is outside the language's tables
      const isNamed = named[id] ?? true;
      let descend = false;
      if (!leftOut[id]) {
        const fieldId = cursor.currentFieldId;
        const missing = hasError && cursor.nodeIsMissing;
        if (isNamed || fieldId || missing) {
          const type = types[id] ?? 'ERROR';
          const node: IPyNode = {
            type,
            from: cursor.startIndex,
            to: cursor.endIndex,
            named: isNamed,
            field: fields[fieldId] ?? null,
            children: []
          };
          stack[stack.length - 1].children.push(node);
          if (
            hasError &&
            !errorDepths.length &&
            (type === 'ERROR' || missing)
          ) {
            errors.push(node.from);
          }
          if (isNamed && cursor.gotoFirstChild()) {
            if (type === 'ERROR') {
              errorDepths.push(stack.length);
            }
            stack.push(node);
            descend = true;
          }
        }
      }
      if (descend) {
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          return { root, errors };
        }
        stack.pop();
        if (errorDepths[errorDepths.length - 1] === stack.length) {
          errorDepths.pop();
        }
        if (stack.length === 0) {
          return { root, errors };
        }
      }
    }
  } finally {
    cursor.delete();
  }
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
