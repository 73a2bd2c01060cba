/**
 * Copies a tree-sitter tree into plain `IPyNode` objects (see `python-tree.ts`), in one pass of
 * one tree cursor.
 *
 * web-tree-sitter's `TreeCursor` writes its four words of state into the WebAssembly module's
 * transfer buffer before every call and reads them back after every move. For a large cell
 * that bookkeeping cost as much as the parse itself (100k lines: 2.0 s of copying after a
 * 1.1 s parse). The cursor functions of web-tree-sitter's C side read the cursor from that
 * buffer and write it back there, so while one copy runs the state can simply stay in the
 * buffer: this module calls those functions (the emscripten module's exports, the same ones
 * the TreeCursor class calls) directly, and each call is one call into the WebAssembly.
 *
 * This leans on web-tree-sitter's glue (`lib/tree-sitter.c`), which is why the package is
 * pinned exactly; `tests/core/analysis/tree-copy.test.ts` compares the copy with one made
 * through the public `Node` API, node for node, so an upgrade that changes the glue fails there.
 */
import type { Language, Tree } from 'web-tree-sitter';
import type { IPyNode, IPythonParse } from './python-tree';

/**
 * The emscripten module of web-tree-sitter (the object given to `Parser.init`, which becomes
 * the module): the cursor functions of its C glue. Each takes the tree's address and works on
 * the cursor in the transfer buffer.
 */
export interface ICursorExports {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_node_has_error_wasm(tree: number): number;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const NEEDED: (keyof ICursorExports)[] = [
  '_ts_tree_root_node_wasm',
  '_ts_node_has_error_wasm',
  '_ts_tree_cursor_new_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm'
];

/** The module's cursor functions, or an error naming the first one it lacks. */
export function cursorExports(module: object): ICursorExports {
  for (const name of NEEDED) {
    if (typeof (module as Record<string, unknown>)[name] !== 'function') {
      throw new Error(
        `web-tree-sitter's module has no ${name}: the tree copy needs the version pinned in package.json`
      );
    }
  }
  return module as ICursorExports;
}

/** What the copy needs to know of each node type and field, by id. */
export interface ITypeTables {
  types: string[];
  fields: (string | null)[];
  /** Named node types; anonymous tokens (`=`, `(`, keywords) are copied only with a field. */
  named: boolean[];
  /** Comments and line continuations: left out of the copy. */
  leftOut: boolean[];
  /**
   * The pieces of a string literal around its interpolations (quotes, text, escapes): no
   * analysis reads them (a literal's value is read from its text), so they are copied only
   * when the parser had to assume one (MISSING).
   */
  unread: boolean[];
}

/** Node types the copy leaves out: comments and line continuations. */
export const LEFT_OUT: ReadonlySet<string> = new Set([
  'comment',
  'line_continuation'
]);

/** String pieces the copy keeps only when MISSING (see `ITypeTables.unread`). */
export const UNREAD: ReadonlySet<string> = new Set([
  'string_start',
  'string_content',
  'string_end',
  'escape_sequence',
  'escape_interpolation'
]);

export function typeTables(language: Language): ITypeTables {
  const types = language.types.map(t => t ?? 'ERROR');
  return {
    types,
    fields: language.fields.map(f => f ?? null),
    named: types.map((_, id) => language.nodeTypeIsNamed(id)),
    leftOut: types.map(t => LEFT_OUT.has(t)),
    unread: types.map(t => UNREAD.has(t))
  };
}

/** The children of every leaf: one empty array, never written to. */
const NO_CHILDREN: IPyNode[] = [];

/** An `IPyNode` while the copy fills it in. */
interface IFilling {
  type: string;
  from: number;
  to: number;
  named: boolean;
  field: string | null;
  children: IPyNode[];
}

/** The tree's address in the WebAssembly memory (web-tree-sitter keeps it in `tree[0]`). */
function address(tree: Tree): number {
  const at = (tree as unknown as Record<number, unknown>)[0];
  if (typeof at !== 'number' || at === 0) {
    throw new Error('the tree-sitter tree has no address (deleted?)');
  }
  return at;
}

/**
 * Copies `tree`: named nodes, anonymous tokens that fill a field (an `operator`), MISSING
 * tokens; comments and line continuations left out. Also lists where the errors start: each
 * ERROR node not inside another one, and each MISSING token, in source order.
 */
export function copyTree(
  c: ICursorExports,
  tables: ITypeTables,
  tree: Tree
): IPythonParse {
  const { types, fields, named, leftOut, unread } = tables;
  const t = address(tree);
  // the root node goes into the transfer buffer; both calls after this one read it there
  c._ts_tree_root_node_wasm(t);
  const hasError = c._ts_node_has_error_wasm(t) === 1;
  c._ts_tree_cursor_new_wasm(t);
  const errors: number[] = [];
  const root: IFilling = {
    // a source that is all error can give an ERROR root (its id is outside the tables)
    type: types[c._ts_tree_cursor_current_node_type_id_wasm(t)] ?? 'ERROR',
    from: c._ts_tree_cursor_start_index_wasm(t),
    to: c._ts_tree_cursor_end_index_wasm(t),
    named: true,
    field: null,
    children: NO_CHILDREN
  };
  const stack: IFilling[] = [root];
  /** The stack depths of the ERROR nodes the cursor is inside. */
  const errorDepths: number[] = [];
  try {
    if (!c._ts_tree_cursor_goto_first_child_wasm(t)) {
      return { root, errors };
    }
    for (;;) {
      const id = c._ts_tree_cursor_current_node_type_id_wasm(t);
      // ERROR's id (65535) is outside the language's tables
      const isNamed = named[id] ?? true;
      let descend = false;
      if (!leftOut[id]) {
        const fieldId = c._ts_tree_cursor_current_field_id_wasm(t);
        const missing =
          hasError && c._ts_tree_cursor_current_node_is_missing_wasm(t) === 1;
        if (((isNamed || fieldId) && !unread[id]) || missing) {
          const type = types[id] ?? 'ERROR';
          const node: IFilling = {
            type,
            from: c._ts_tree_cursor_start_index_wasm(t),
            to: c._ts_tree_cursor_end_index_wasm(t),
            named: isNamed,
            field: fields[fieldId] ?? null,
            children: NO_CHILDREN
          };
          const parent = stack[stack.length - 1];
          if (parent.children === NO_CHILDREN) {
            parent.children = [node];
          } else {
            parent.children.push(node);
          }
          if (
            hasError &&
            !errorDepths.length &&
            (type === 'ERROR' || missing)
          ) {
            errors.push(node.from);
          }
          if (isNamed && c._ts_tree_cursor_goto_first_child_wasm(t)) {
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
      while (!c._ts_tree_cursor_goto_next_sibling_wasm(t)) {
        if (!c._ts_tree_cursor_goto_parent_wasm(t)) {
          return { root, errors };
        }
        stack.pop();
        const errorDepth = errorDepths.length; // no [-1] read: a slow property lookup
        if (errorDepth && errorDepths[errorDepth - 1] === stack.length) {
          errorDepths.pop();
        }
        if (stack.length === 0) {
          return { root, errors };
        }
      }
    }
  } finally {
    c._ts_tree_cursor_delete_wasm(t);
  }
}
