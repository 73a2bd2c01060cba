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
  /** The grammar's node type (`call`, `identifier`), or the token's text (`=`, `as`, `(`). */
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
  starting ??= (async () => {
    const wasm = await load();
    await Parser.init({ wasmBinary: wasm.runtime });
    const language = await Language.load(wasm.python);
    const created = new Parser();
    created.setLanguage(language);
    parser = created;
  })().catch(error => {
    starting = null;
    throw error;
  });
  return starting;
}

export function pythonParserReady(): boolean {
  return parser !== null;
}

export function parsePythonTree(source: string): IPythonParse {
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

const LEFT_OUT = new Set(['comment', 'line_continuation']);

type Cursor = ReturnType<import('web-tree-sitter').Tree['walk']>;

function copyTree(cursor: Cursor, hasError: boolean): IPythonParse {
  const errors: number[] = [];
  const make = (): IPyNode => ({
    type: cursor.nodeType,
    from: cursor.startIndex,
    to: cursor.endIndex,
    named: cursor.nodeIsNamed,
    field: cursor.currentFieldName,
    children: []
  });
  const root = make();
  const stack: IPyNode[] = [root];
  /** How many ERROR nodes enclose the cursor's node. */
  let inError = 0;
  const errorDepths: number[] = [];
  try {
    if (!cursor.gotoFirstChild()) {
      return { root, errors };
    }
    for (;;) {
      const type = cursor.nodeType;
      let descend = false;
      if (!LEFT_OUT.has(type)) {
        const node = make();
        stack[stack.length - 1].children.push(node);
        if (hasError) {
          if (type === 'ERROR') {
            if (inError === 0) {
              errors.push(node.from);
            }
            inError++;
            errorDepths.push(stack.length);
          } else if (inError === 0 && cursor.nodeIsMissing) {
            errors.push(node.from);
          }
        }
        if (cursor.gotoFirstChild()) {
          stack.push(node);
          descend = true;
        } else if (type === 'ERROR') {
          inError--;
          errorDepths.pop();
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
        if (
          errorDepths.length &&
          errorDepths[errorDepths.length - 1] === stack.length
        ) {
          inError--;
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
