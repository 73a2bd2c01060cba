/**
 * Copies a tree-sitter tree into plain `IPyNode` objects (see `python-tree.ts`), reading the
 * tree where tree-sitter keeps it: the WebAssembly memory (`tree-memory.ts` gives the layout).
 *
 * Asking web-tree-sitter's C side for each node and field, even with the cursor's state left in
 * its transfer buffer, took five or six calls into the WebAssembly per node: for a large cell
 * about a third of the parse's own time. Reading the subtrees from memory costs a few array
 * reads per node. The walk does what `ts_tree_cursor_goto_first_child` and `_next_sibling` do:
 * hidden nodes (the grammar's `_rules`) are walked through and their visible children taken in
 * their place, a child can be made visible by its parent production's alias, and a node's field
 * is looked up in its parent's production, then in the hidden nodes it sits in up to the
 * nearest visible one, as `ts_tree_cursor_current_field_id` does.
 *
 * `tests/core/analysis/tree-copy.test.ts` compares the copy with one made through the public
 * `Node` API, node for node, so an upgrade that changes the layout fails there.
 */
import type { Language, Tree } from 'web-tree-sitter';
import type { IPyNode, IPythonParse } from './python-tree';
import {
  ERROR_SYMBOL,
  HEAP,
  ILanguageTables,
  INLINE,
  IWasmMemory,
  languageTables,
  SUBTREE_BYTES
} from './tree-memory';

/** What the copy needs to know of each node type and field, by id, and of the language. */
export interface ITypeTables extends ILanguageTables {
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

export function typeTables(
  language: Language,
  memory: IWasmMemory
): ITypeTables {
  const types = language.types.map(t => t ?? 'ERROR');
  return {
    ...languageTables(memory, language),
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
 * The walk's stack: one entry per node whose children are being read, visible (a copied node)
 * or hidden (a grammar rule walked through). Kept in parallel arrays of numbers.
 */
class ChildWalk {
  /** The parent's `SubtreeHeapData` address. */
  readonly parent: number[] = [];
  readonly childCount: number[] = [];
  /** The next child to read, and its index among the children that are not extras. */
  readonly child: number[] = [];
  readonly structural: number[] = [];
  /** The byte where the last child read ends (where the first one starts, before any). */
  readonly position: number[] = [];
  readonly production: number[] = [];
  /** The field of a child that its parent's production gives none (from the hidden parents). */
  readonly inherited: number[] = [];
  /** The copied node the visible children go into. */
  readonly into: (IFilling | null)[] = [];
  /** 1 when the entry is an ERROR node's. */
  readonly error: number[] = [];
  /**
   * For an entry of a copied node (not a hidden rule's): where its children start in
   * `copied`; -1 for a hidden rule's, whose children go on its visible parent's.
   */
  readonly firstChild: number[] = [];
  /**
   * The copied nodes whose parents are still being read, in order: a parent's children are
   * made one array of their own size when it is done (an array grown by `push` keeps room
   * for about 16 more, and most nodes have two or three children).
   */
  copied: IPyNode[] = [];
  depth = 0;

  push(
    parent: number,
    childCount: number,
    position: number,
    production: number,
    inherited: number,
    into: IFilling,
    error: number,
    firstChild: number
  ): void {
    const d = this.depth++;
    this.parent[d] = parent;
    this.childCount[d] = childCount;
    this.child[d] = 0;
    this.structural[d] = 0;
    this.position[d] = position;
    this.production[d] = production;
    this.inherited[d] = inherited;
    this.into[d] = into;
    this.error[d] = error;
    this.firstChild[d] = firstChild;
  }

  /** Leaves the top entry, giving a copied node its children (and lets go of it). */
  pop(): void {
    const d = --this.depth;
    const first = this.firstChild[d];
    if (first >= 0) {
      const copied = this.copied;
      if (first < copied.length) {
        (this.into[d] as IFilling).children = copied.slice(first);
        copied.length = first;
      }
    }
    this.into[d] = null;
  }
}

/**
 * One walk for every copy (a copy runs to its end before the next starts): small cells are most
 * cells, and their copies need not allocate a stack each.
 */
const walk = new ChildWalk();

/**
 * Copies `tree`: named nodes, anonymous tokens that fill a field (an `operator`), MISSING
 * tokens; comments and line continuations left out. Also lists where the errors start: each
 * ERROR node not inside another one, and each MISSING token, in source order. Offsets are
 * UTF-16 code units: web-tree-sitter parses UTF-16, two bytes to a unit.
 */
export function copyTree(
  memory: IWasmMemory,
  tables: ITypeTables,
  tree: Tree
): IPythonParse {
  const { types, fields, named, leftOut, unread } = tables;
  const { publicSymbol, aliases, fieldsByProduction } = tables;
  const u8 = memory.HEAPU8;
  const u16 = memory.HEAPU16;
  const u32 = memory.HEAPU32;
  const errors: number[] = [];
  const rootSlot = address(tree); // TSTree starts with its root Subtree
  const rootInline = u8[rootSlot] & INLINE.isInline;
  const rootAt = rootInline ? 0 : u32[rootSlot >> 2];
  const rootSymbol = rootInline
    ? u8[rootSlot + INLINE.symbol]
    : u16[(rootAt + HEAP.symbol) >> 1];
  const rootPadding = rootInline
    ? u8[rootSlot + INLINE.paddingBytes]
    : u32[(rootAt + HEAP.paddingBytes) >> 2];
  const rootSize = rootInline
    ? u8[rootSlot + INLINE.sizeBytes]
    : u32[(rootAt + HEAP.sizeBytes) >> 2];
  const root: IFilling = {
    // a source that is all error can give an ERROR root (its id is outside the tables)
    type:
      rootSymbol === ERROR_SYMBOL
        ? 'ERROR'
        : (types[publicSymbol[rootSymbol]] ?? 'ERROR'),
    from: rootPadding >> 1,
    to: (rootPadding + rootSize) >> 1,
    named: true,
    field: null,
    children: NO_CHILDREN
  };
  const rootChildren = rootInline ? 0 : u32[(rootAt + HEAP.childCount) >> 2];
  if (!rootChildren || !u32[(rootAt + HEAP.visibleChildCount) >> 2]) {
    return { root, errors };
  }
  walk.depth = 0;
  walk.copied = [];
  walk.push(
    rootAt,
    rootChildren,
    rootPadding,
    u16[(rootAt + HEAP.productionId) >> 1],
    0,
    root,
    0,
    0
  );
  /** How many ERROR nodes the walk is inside. */
  let insideError = 0;
  while (walk.depth > 0) {
    const d = walk.depth - 1;
    const i = walk.child[d];
    const childCount = walk.childCount[d];
    if (i === childCount) {
      insideError -= walk.error[d];
      walk.pop();
      continue;
    }
    walk.child[d] = i + 1;
    // the children are the `childCount` subtrees just before their parent
    const slot = walk.parent[d] - (childCount - i) * SUBTREE_BYTES;
    let at = 0;
    let symbol: number;
    let flags: number;
    let padding: number;
    let size: number;
    let visibleMask: number;
    let extraMask: number;
    let missingMask: number;
    let children = 0;
    if (u8[slot] & INLINE.isInline) {
      flags = u8[slot];
      symbol = u8[slot + INLINE.symbol];
      padding = u8[slot + INLINE.paddingBytes];
      size = u8[slot + INLINE.sizeBytes];
      visibleMask = INLINE.visible;
      extraMask = INLINE.extra;
      missingMask = INLINE.missing;
    } else {
      at = u32[slot >> 2];
      flags = u16[(at + HEAP.flags) >> 1];
      symbol = u16[(at + HEAP.symbol) >> 1];
      padding = u32[(at + HEAP.paddingBytes) >> 2];
      size = u32[(at + HEAP.sizeBytes) >> 2];
      visibleMask = HEAP.visible;
      extraMask = HEAP.extra;
      missingMask = HEAP.missing;
      const ownChildren = u32[(at + HEAP.childCount) >> 2];
      // a node with no visible child, hidden or not, has nothing to walk into (a leaf's
      // visible child count is another field of the union: read only when it has children)
      if (ownChildren > 0 && u32[(at + HEAP.visibleChildCount) >> 2] > 0) {
        children = ownChildren;
      }
    }
    // a child starts after the one before it and its own padding (the first one's padding is
    // its parent's)
    const from = i > 0 ? walk.position[d] + padding : walk.position[d];
    walk.position[d] = from + size;
    const extra = flags & extraMask;
    const k = walk.structural[d];
    let alias = 0;
    let fieldId = 0;
    if (!extra) {
      walk.structural[d] = k + 1;
      const production = walk.production[d];
      const sequence = aliases[production];
      if (sequence !== null && k < sequence.length) {
        alias = sequence[k];
      }
      const map = fieldsByProduction[production];
      fieldId = (map !== null && k < 256 ? map[k] : 0) || walk.inherited[d];
    }
    const visible = flags & visibleMask;
    if (!visible && !alias) {
      if (children) {
        // a hidden node: its visible children take its place
        walk.push(
          at,
          children,
          from,
          u16[(at + HEAP.productionId) >> 1],
          fieldId,
          walk.into[d] as IFilling,
          0,
          -1
        );
      }
      continue;
    }
    const shown = alias || symbol;
    const id = shown === ERROR_SYMBOL ? ERROR_SYMBOL : publicSymbol[shown];
    if (leftOut[id]) {
      continue;
    }
    // ERROR's id (65535) is outside the language's tables
    const isNamed = named[id] ?? true;
    const missing = flags & missingMask;
    if (!(((isNamed || fieldId) && !unread[id]) || missing)) {
      continue;
    }
    const type = types[id] ?? 'ERROR';
    const node: IFilling = {
      type,
      from: from >> 1,
      to: (from + size) >> 1,
      named: isNamed,
      field: fields[fieldId] ?? null,
      children: NO_CHILDREN
    };
    walk.copied.push(node);
    const isError = type === 'ERROR' ? 1 : 0;
    if (!insideError && (isError || missing)) {
      errors.push(node.from);
    }
    if (isNamed && children) {
      walk.push(
        at,
        children,
        from,
        u16[(at + HEAP.productionId) >> 1],
        0,
        node,
        isError,
        walk.copied.length
      );
      insideError += isError;
    }
  }
  walk.copied = [];
  return { root, errors };
}
