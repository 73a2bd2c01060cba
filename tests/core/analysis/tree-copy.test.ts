/**
 * The tree copy reads tree-sitter's subtrees in the WebAssembly memory
 * (src/core/analysis/tree-copy.ts, tree-memory.ts). These tests hold it to a copy made through
 * web-tree-sitter's public `Node` API, node for node, on every code cell of the corpus and on
 * sources with errors, MISSING tokens, aliases, f-strings and text outside the Basic
 * Multilingual Plane (offsets are UTF-16 code units). An upgrade of web-tree-sitter that
 * changes the layout fails here.
 */
import fc from 'fast-check';
import type { Language, Node, Parser } from 'web-tree-sitter';
import {
  IPyNode,
  parsePythonTree
} from '../../../src/core/analysis/python-tree';
import { stripMagics } from '../../../src/core/analysis/magics';
import { LEFT_OUT, UNREAD } from '../../../src/core/analysis/tree-copy';
import {
  languageTables,
  wasmMemory
} from '../../../src/core/analysis/tree-memory';
import { corpusCodeSources } from '../../support/corpus-sources';

const handed = (globalThis as Record<symbol, unknown>)[
  Symbol.for('cellpipe.pythonParser')
] as { parser: Parser; language: Language; module: object };

/**
 * The copy's rules (its LEFT_OUT and UNREAD types), through `Node`: children, fields, flags and
 * offsets.
 */
function reference(source: string): { root: IPyNode; errors: number[] } {
  const tree = handed.parser.parse(source)!;
  const errors: number[] = [];
  const copy = (
    node: Node,
    field: string | null,
    insideError: boolean
  ): IPyNode => {
    const children: IPyNode[] = [];
    if (node.isNamed) {
      node.children.forEach((child, i) => {
        if (!child) {
          throw new Error(`no child ${i} of ${node.type}`);
        }
        const childField = node.fieldNameForChild(i);
        const kept =
          !LEFT_OUT.has(child.type) &&
          (((child.isNamed || childField) && !UNREAD.has(child.type)) ||
            child.isMissing);
        if (!kept) {
          return;
        }
        if (!insideError && (child.type === 'ERROR' || child.isMissing)) {
          errors.push(child.startIndex);
        }
        children.push(
          copy(child, childField, insideError || child.type === 'ERROR')
        );
      });
    }
    return {
      type: node.type,
      from: node.startIndex,
      to: node.endIndex,
      named: node.isNamed,
      field,
      children
    };
  };
  try {
    return { root: copy(tree.rootNode, null, false), errors };
  } finally {
    tree.delete();
  }
}

function expectSameCopy(source: string): void {
  const fast = parsePythonTree(source);
  const slow = reference(source);
  expect(fast.errors).toEqual(slow.errors);
  expect(fast.root).toEqual(slow.root);
}

/** The corpus's code cells as the analyzer parses them (magics stripped). */
function corpusCells(): string[] {
  return corpusCodeSources().map(source => stripMagics(source).python);
}

const TRICKY = [
  '',
  '# only a comment\n',
  'x = (1,\n',
  'def f(:\n    pass\n',
  'print "py2"\nx = [1, 2\ny = 3\n',
  'if x:\npass\n',
  "s = f'{a!r:>{width}} {b}' + 'plain\\n' rb'raw'\n",
  "t = f'''{x\n+ y}''' # trailing\n",
  'emoji = "🐍🐍"; name_é = émoji + 𝔘\n',
  'x = 1 \\\n    + 2\n',
  'class C[T](Base, metaclass=M):\n    type Alias[K] = dict[K, T]\n',
  'match p:\n    case ast.BinOp(left=l) | [a, *rest] if a:\n        pass\n',
  'try:\n    pass\nexcept* (E1, E2) as group:\n    raise\n',
  'async def f():\n    async with a as (b, c):\n        await g(x := 1)\n',
  'lambda: (yield)\n',
  '@registry[key].register\ndef h(): ...\n',
  'x = ) ( ] [\n',
  '"unterminated\n',
  "f'{'\n",
  // aliases: `as_pattern_target`, and a field given inside a hidden rule
  'with open(p) as (f, g), q as self.h:\n    pass\n',
  'print(f"{x!r}", *args, sep="")\n',
  // deep trees: the copy keeps its own stack
  `x = ${'('.repeat(800)}1${')'.repeat(800)}\n`,
  `y = ${Array.from({ length: 800 }, (_, i) => `n${i}`).join(' + ')}\n`
];

describe('tree copy', () => {
  it.each(TRICKY.map(s => [JSON.stringify(s).slice(0, 60), s]))(
    'matches the public API on %s',
    (_, source) => expectSameCopy(source)
  );

  it('matches the public API on every code cell of the corpus', () => {
    const cells = corpusCells();
    expect(cells.length).toBeGreaterThan(400);
    cells.forEach(expectSameCopy);
  });

  it('reads the memory views as they are after the memory grew', () => {
    const module = handed.module as {
      HEAPU8: Uint8Array;
      _malloc(bytes: number): number;
      _free(at: number): void;
    };
    const before = module.HEAPU8;
    // more than the module has: WebAssembly memory grows, and emscripten replaces its views
    const block = module._malloc(before.length + (64 << 20));
    module._free(block);
    expect(module.HEAPU8).not.toBe(before);
    expect(before.length).toBe(0); // the old view is detached
    TRICKY.forEach(expectSameCopy);
  });

  it('refuses a module without the memory views it reads', () => {
    expect(() => wasmMemory({ HEAPU8: new Uint8Array(1) })).toThrow(
      "web-tree-sitter's module has no HEAPU16"
    );
  });

  it('refuses a language that is not laid out as it expects', () => {
    const memory = wasmMemory(handed.module);
    const real = handed.language as unknown as Record<number, number> &
      Language;
    const renamed = {
      0: real[0],
      types: real.types,
      fields: real.fields.map((f, id) => (id === 2 ? `${f}_renamed` : f))
    } as unknown as Language;
    const longer = {
      0: real[0],
      types: [...real.types, 'one_more'],
      fields: real.fields
    } as unknown as Language;
    for (const language of [renamed, longer]) {
      expect(() => languageTables(memory, language)).toThrow(
        'is not laid out as the tree copy expects'
      );
    }
    expect(languageTables(memory, real).publicSymbol).toHaveLength(
      real.types.length
    );
  });

  it('matches the public API on cut and spliced corpus lines', () => {
    const lines = corpusCells().flatMap(c => c.split('\n'));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...lines), { maxLength: 30 }),
        fc.nat(200),
        (picked, cut) => {
          const source = picked.join('\n');
          expectSameCopy(source);
          expectSameCopy(source.slice(0, cut));
        }
      ),
      { numRuns: 300 }
    );
  });
});
