/**
 * Which files next to a notebook its pipeline ships: the modules its code imports, every module
 * file of a package, and the local modules those import in turn; what cannot go is reported.
 */
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { analyzeNotebookText } from '../../src/core/analyze';
import { shipLocalModules } from '../../src/engine/shipped-modules';
import { codeCell, notebookJson } from '../support/notebook-json';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cellpipe-shipped-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function files(entries: Record<string, string | Buffer>): void {
  for (const [path, text] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** shipLocalModules for a notebook in `dir` of an imports cell and one step. */
function ship(imports: string, step = 'x = 1', limitBytes?: number) {
  const notebook = join(dir, 'nb.ipynb');
  const ir = analyzeNotebookText(
    JSON.stringify(
      notebookJson([
        codeCell(imports, ['imports']),
        codeCell(step, ['step:make'])
      ])
    ),
    notebook
  );
  return shipLocalModules(ir, notebook, limitBytes);
}

const paths = (shipped: ReturnType<typeof ship>) =>
  shipped.files.map(f => f.path);

test('a module file, with its text as written', () => {
  files({ 'helpers.py': 'def f():\r\n    return "é"\n' });
  expect(ship('import helpers')).toEqual({
    files: [{ path: 'helpers.py', source: 'def f():\r\n    return "é"\n' }],
    modules: ['helpers.py'],
    unshipped: []
  });
});

test("a package's module files, sorted, without caches, hidden folders or other files", () => {
  files({
    'pkg/__init__.py': '',
    'pkg/io.py': 'x = 1\n',
    'pkg/sub/__init__.py': '',
    'pkg/sub/deep.py': 'y = 2\n',
    'pkg/__pycache__/io.cpython-311.py': 'stale\n',
    'pkg/.hidden/a.py': 'no\n',
    'pkg/not-a-module.py': 'no\n',
    'pkg/data.json': '{}',
    'pkg/notes.txt': 'no'
  });
  expect(paths(ship('from pkg.io import x'))).toEqual([
    'pkg/__init__.py',
    'pkg/io.py',
    'pkg/sub/__init__.py',
    'pkg/sub/deep.py'
  ]);
});

test('a folder of module files without __init__.py (a namespace package)', () => {
  files({ 'tools/scale.py': 'factor = 2\n' });
  expect(paths(ship('import tools.scale'))).toEqual(['tools/scale.py']);
});

test('local modules that shipped modules import go too, once each; others stay out', () => {
  files({
    'helpers.py': 'import numpy\nfrom tools import scale\nimport cycle\n',
    'tools/__init__.py': 'from . import scale\nimport helpers\n',
    'tools/scale.py': 'import os\n',
    'cycle.py': 'import helpers\n',
    'unused.py': 'x = 1\n'
  });
  const shipped = ship('import helpers');
  expect(paths(shipped)).toEqual([
    'helpers.py',
    'tools/__init__.py',
    'tools/scale.py',
    'cycle.py'
  ]);
  expect(shipped.modules).toEqual(['helpers.py', 'tools/', 'cycle.py']);
});

test("imports in every cell count: a step's, and those inside functions", () => {
  files({ 'a.py': '', 'b.py': '' });
  expect(
    paths(ship('import os', 'def f():\n    import b\n    return b\nimport a'))
  ).toEqual(['b.py', 'a.py']);
});

test('past the size limit a module stays out, named with the import that needs it', () => {
  files({
    'small.py': 'import big\n',
    'big.py': 'x = 1\n' + '#'.repeat(200),
    'other.py': 'y = 2\n'
  });
  const shipped = ship('import small', 'import other', 100);
  expect(paths(shipped)).toEqual(['small.py', 'other.py']);
  expect(shipped.unshipped).toEqual([
    {
      module: 'big',
      file: 'big.py',
      reason:
        'with it, the modules shipped would come to 1 KiB, over the 1 KiB that every step carries',
      neededBy: {
        module: 'small',
        cell: 0,
        line: 1,
        column: 7,
        step: undefined
      },
      importedBy: 'small'
    }
  ]);
});

test('a link to a file outside the folder stays out; a link inside it goes', () => {
  const outside = mkdtempSync(join(tmpdir(), 'cellpipe-outside-'));
  try {
    writeFileSync(join(outside, 'secret'), 'token: abc\n');
    files({ 'real.py': 'z = 3\n', 'pkg/__init__.py': '' });
    symlinkSync(join(outside, 'secret'), join(dir, 'leak.py'));
    symlinkSync(join(dir, 'real.py'), join(dir, 'alias.py'));
    symlinkSync(join(outside, 'secret'), join(dir, 'pkg', 'leak.py'));
    symlinkSync(outside, join(dir, 'pkg', 'linked'));
    const shipped = ship('import leak, alias, pkg');
    expect(shipped.files).toEqual([{ path: 'alias.py', source: 'z = 3\n' }]);
    expect(shipped.unshipped.map(u => [u.module, u.reason])).toEqual([
      ['leak', "leak.py links to a file outside the notebook's folder"],
      ['pkg', "pkg/leak.py links to a file outside the notebook's folder"]
    ]);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('a file that is not UTF-8 stays out, saying so', () => {
  files({ 'latin.py': Buffer.from([0x78, 0x3d, 0x27, 0xe9, 0x27, 0x0a]) });
  expect(ship('import latin').unshipped.map(u => u.reason)).toEqual([
    'latin.py is not UTF-8 text'
  ]);
});

test('nothing for modules that are not next to the notebook', () => {
  files({ 'notes/readme.md': '' });
  expect(ship('import os, numpy, notes')).toEqual({
    files: [],
    modules: [],
    unshipped: []
  });
});
