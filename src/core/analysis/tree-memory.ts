/**
 * Where tree-sitter keeps a tree and a language in the WebAssembly memory of web-tree-sitter
 * 0.25 (wasm32, little-endian), for the tree copy (`tree-copy.ts`), which reads them there
 * instead of asking the C side one field at a time.
 *
 * The layouts are those of tree-sitter's `lib/src/subtree.h` (`SubtreeInlineData`,
 * `SubtreeHeapData`), `tree.h` (`TSTree`) and `parser.h` (`TSLanguage`, ABI 14 and 15, which
 * share the fields read here). web-tree-sitter is pinned exactly for this reason; the language
 * tables are checked against the public API when they are read, the subtree layout by a probe
 * parse when the parser loads (`python-tree.ts`), and `tests/core/analysis/tree-copy.test.ts`
 * compares whole copies with the public `Node` API.
 */
import type { Language } from 'web-tree-sitter';

/** The views of the emscripten module's memory (replaced when the memory grows). */
export interface IWasmMemory {
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAPU32: Uint32Array;
}

/** The module's memory views, or an error naming the one it lacks. */
export function wasmMemory(module: object): IWasmMemory {
  for (const view of ['HEAPU8', 'HEAPU16', 'HEAPU32']) {
    if (!ArrayBuffer.isView((module as Record<string, unknown>)[view])) {
      throw new Error(
        `web-tree-sitter's module has no ${view}: the tree copy needs the version pinned in package.json`
      );
    }
  }
  return module as IWasmMemory;
}

/** One `Subtree` (a union of inline data and a pointer) is 8 bytes. */
export const SUBTREE_BYTES = 8;

/**
 * `SubtreeInlineData`, a leaf held in the 8 bytes themselves: byte 0 holds the flags
 * (`is_inline` in bit 0), byte 1 the symbol, byte 6 the padding's bytes, byte 7 the size's.
 */
export const INLINE = {
  flags: 0,
  isInline: 1 << 0,
  visible: 1 << 1,
  extra: 1 << 3,
  missing: 1 << 5,
  symbol: 1,
  paddingBytes: 6,
  sizeBytes: 7
} as const;

/**
 * `SubtreeHeapData` (byte offsets). Its children are the `child_count` subtrees just before it.
 * The flags are bit fields from byte 44: visible is bit 0, extra bit 2, is_missing bit 9.
 */
export const HEAP = {
  paddingBytes: 4,
  sizeBytes: 16,
  childCount: 36,
  symbol: 40,
  flags: 44,
  visible: 1 << 0,
  extra: 1 << 2,
  missing: 1 << 9,
  visibleChildCount: 48,
  productionId: 66
} as const;

/** `ts_builtin_sym_error`: ERROR nodes, outside the language's symbol table. */
export const ERROR_SYMBOL = 0xffff;

/** `TSLanguage` (byte offsets of the fields read). */
const LANGUAGE = {
  abiVersion: 0,
  symbolCount: 4,
  aliasCount: 8,
  productionIdCount: 28,
  fieldCount: 32,
  maxAliasSequenceLength: 36,
  fieldNames: 60,
  fieldMapSlices: 64,
  fieldMapEntries: 68,
  publicSymbolMap: 76,
  aliasSequences: 84
} as const;

/** What the copy needs of the language, read once from its tables. */
export interface ILanguageTables {
  /** The public symbol (node type id) of each internal symbol and alias. */
  publicSymbol: Uint16Array;
  /** By production id: the alias of each structural child (0: none), or null if none at all. */
  aliases: (Uint16Array | null)[];
  /** By production id: the field of each structural child (0: none), or null if none at all. */
  fieldsByProduction: (Uint16Array | null)[];
}

/** The language's address in the WebAssembly memory (web-tree-sitter keeps it in `[0]`). */
function languageAddress(language: Language): number {
  const at = (language as unknown as Record<number, unknown>)[0];
  if (typeof at !== 'number' || at === 0) {
    throw new Error('the tree-sitter language has no address');
  }
  return at;
}

function cString(memory: IWasmMemory, at: number, utf8: TextDecoder): string {
  const end = memory.HEAPU8.indexOf(0, at);
  return utf8.decode(memory.HEAPU8.subarray(at, end));
}

/**
 * Reads the language's symbol, alias and field tables, after checking the layout against the
 * public API: the symbol count, the field count and every field's name.
 */
export function languageTables(
  memory: IWasmMemory,
  language: Language
): ILanguageTables {
  const base = languageAddress(language);
  /** A 32-bit field of the `TSLanguage`, by its offset. */
  const u32 = (offset: number) => memory.HEAPU32[(base + offset) >> 2];
  /** A 16-bit value anywhere in the memory, by its address. */
  const u16At = (at: number) => memory.HEAPU16[at >> 1];
  const abi = u32(LANGUAGE.abiVersion);
  // the aliases' symbols follow the grammar's; web-tree-sitter counts both
  const symbolCount = u32(LANGUAGE.symbolCount) + u32(LANGUAGE.aliasCount);
  const fieldCount = u32(LANGUAGE.fieldCount);
  const fieldNames = u32(LANGUAGE.fieldNames);
  const utf8 = new TextDecoder();
  const layoutHolds =
    (abi === 14 || abi === 15) &&
    symbolCount === language.types.length &&
    fieldCount === language.fields.length - 1 &&
    language.fields.every(
      (name, id) =>
        id === 0 ||
        cString(memory, memory.HEAPU32[(fieldNames + 4 * id) >> 2], utf8) ===
          name
    );
  if (!layoutHolds) {
    throw new Error(
      `the tree-sitter language (ABI ${abi}) is not laid out as the tree copy expects: ` +
        'it needs the web-tree-sitter and tree-sitter-python pinned in package.json'
    );
  }
  const publicMap = u32(LANGUAGE.publicSymbolMap);
  const publicSymbol = new Uint16Array(symbolCount);
  for (let s = 0; s < symbolCount; s++) {
    publicSymbol[s] = u16At(publicMap + 2 * s);
  }
  const productions = u32(LANGUAGE.productionIdCount);
  const longest = u16At(base + LANGUAGE.maxAliasSequenceLength);
  const aliasSequences = u32(LANGUAGE.aliasSequences);
  const slices = u32(LANGUAGE.fieldMapSlices);
  const entries = u32(LANGUAGE.fieldMapEntries);
  // production 0 has no alias sequence (`ts_language_alias_sequence`)
  const aliases: (Uint16Array | null)[] = [null];
  const fieldsByProduction: (Uint16Array | null)[] = [];
  for (let p = 0; p < productions; p++) {
    if (p > 0) {
      const sequence = new Uint16Array(longest);
      for (let i = 0; i < longest; i++) {
        sequence[i] = u16At(aliasSequences + 2 * (p * longest + i));
      }
      aliases.push(sequence.some(a => a !== 0) ? sequence : null);
    }
    fieldsByProduction.push(
      fieldCount ? fieldMap(memory, slices + 4 * p, entries) : null
    );
  }
  return { publicSymbol, aliases, fieldsByProduction };
}

/**
 * One production's field map (`TSMapSlice` → `TSFieldMapEntry`s: field id u16, child index u8,
 * inherited u8) as the field of each structural child: the first entry for the child that is
 * not inherited, as `ts_tree_cursor_current_field_id` picks it.
 */
function fieldMap(
  memory: IWasmMemory,
  slice: number,
  entries: number
): Uint16Array | null {
  const index = memory.HEAPU16[slice >> 1];
  const length = memory.HEAPU16[(slice + 2) >> 1];
  if (!length) {
    return null;
  }
  const byChild = new Uint16Array(256); // a child index is a u8
  for (let e = length - 1; e >= 0; e--) {
    const at = entries + 4 * (index + e);
    const inherited = memory.HEAPU8[at + 3];
    if (!inherited) {
      byChild[memory.HEAPU8[at + 2]] = memory.HEAPU16[at >> 1];
    }
  }
  return byChild;
}
