/**
 * The step cache knows the data files a step reads by name (`open('data.csv')`,
 * `pd.read_csv(DATA / 'x.csv')`): changing one reruns the step, where before the next run served
 * the step's old outputs and reported the old numbers. A step that writes a file is served from
 * the cache only while that file is as the step left it: served, it does not write it again.
 */
import {
  mkdtempSync,
  mkdirSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  notebookInTempDir,
  runJson,
  runMetrics,
  step,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';

const CELLS = [
  {
    source: "from pathlib import Path\nDATA = Path('data')",
    tags: ['imports']
  },
  {
    source: [
      "rows = open('rows.csv').read().split()",
      "extra = (DATA / 'extra.txt').read_text().split()",
      "open('copy.txt', 'w').write(' '.join(rows))"
    ].join('\n'),
    tags: ['step:load']
  },
  { source: 'count = len(rows) + len(extra)', tags: ['step:report'] },
  { source: 'print(count)', tags: ['pipeline-metrics'] }
];

describe('the step cache and the files a step reads', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'cache-files',
    'files.ipynb',
    CELLS
  );
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'rows.csv'), 'a b\n');
  writeFileSync(join(dir, 'data', 'extra.txt'), 'x\n');

  const run = () => {
    const result = runJson(home, [notebook]);
    expect({
      code: result.code,
      stderr: result.code ? result.stderr : ''
    }).toEqual({
      code: 0,
      stderr: ''
    });
    return result.record;
  };

  it('reruns a step when a file it reads changes, and only then', () => {
    expect(runMetrics(run())).toEqual({ count: 3 });

    const again = run();
    expect(step(again, 'load').cached).toBe(true);
    expect(runMetrics(again)).toEqual({ count: 3 });

    writeFileSync(join(dir, 'rows.csv'), 'a b c d\n');
    const changed = run();
    expect(step(changed, 'load').cached).not.toBe(true);
    expect(runMetrics(changed)).toEqual({ count: 5 });

    // Through a path a shared cell's name builds, with the same size but a new time.
    writeFileSync(join(dir, 'data', 'extra.txt'), 'y\n');
    utimesSync(
      join(dir, 'data', 'extra.txt'),
      new Date(),
      new Date(Date.now() + 5000)
    );
    const touched = run();
    expect(step(touched, 'load').cached).not.toBe(true);

    // The file the step writes itself does not count: the next run is served from the cache.
    expect(step(run(), 'load').cached).toBe(true);
  });
});

describe('the step cache and the folders a step lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-cache-folders-'));
  const notebook = writeNotebook(dir, 'folders.ipynb', [
    { source: 'import glob\nimport os', tags: ['imports'] },
    {
      source: [
        "files = sorted(glob.glob('incoming/*.csv'))",
        "names = sorted(os.listdir('other'))"
      ].join('\n'),
      tags: ['step:load']
    },
    {
      source: 'count = len(files)\nlisted = len(names)',
      tags: ['step:report']
    },
    { source: 'print(count)\nprint(listed)', tags: ['pipeline-metrics'] }
  ]);
  const home = tempHome();
  mkdirSync(join(dir, 'incoming'));
  mkdirSync(join(dir, 'other'));
  for (const name of ['a.csv', 'b.csv']) {
    writeFileSync(join(dir, 'incoming', name), 'x\n');
  }

  const run = () => {
    const result = runJson(home, [notebook]);
    expect({
      code: result.code,
      stderr: result.code ? result.stderr : ''
    }).toEqual({ code: 0, stderr: '' });
    return result.record;
  };

  it('reruns a step when a file is added to a folder it lists, and only then', () => {
    expect(runMetrics(run())).toEqual({ count: 2, listed: 0 });
    expect(step(run(), 'load').cached).toBe(true);

    writeFileSync(join(dir, 'incoming', 'c.csv'), 'x\n');
    const added = run();
    expect(step(added, 'load').cached).not.toBe(true);
    expect(runMetrics(added)).toEqual({ count: 3, listed: 0 });

    writeFileSync(join(dir, 'other', 'new.txt'), 'y\n');
    const listed = run();
    expect(step(listed, 'load').cached).not.toBe(true);
    expect(runMetrics(listed)).toEqual({ count: 3, listed: 1 });

    expect(step(run(), 'load').cached).toBe(true);
  });

  it('a file the step writes into a folder it lists does not count; a new input there does', () => {
    const writer = writeNotebook(dir, 'writes.ipynb', [
      { source: 'import glob', tags: ['imports'] },
      {
        source: [
          "parts = sorted(glob.glob('incoming/*.csv'))",
          "open('incoming/combined.csv', 'w').write(str(len(parts)))"
        ].join('\n'),
        tags: ['step:combine']
      }
    ]);
    const first = runJson(home, [writer]);
    expect(first.code).toBe(0);
    const second = runJson(home, [writer]);
    expect(second.code).toBe(0);
    expect(step(second.record, 'combine').cached).toBe(true);
    writeFileSync(join(dir, 'incoming', 'late.csv'), 'z\n');
    const third = runJson(home, [writer]);
    expect(third.code).toBe(0);
    expect(step(third.record, 'combine').cached).not.toBe(true);
  });
});

describe('the step cache and the files a step writes', () => {
  const WRITES = [
    {
      source: "open('clean.csv', 'w').write('1\\n2\\n3\\n')",
      tags: ['step:write']
    },
    {
      source: "total = sum(int(v) for v in open('clean.csv').read().split())",
      tags: ['step:read', 'prev:write']
    },
    { source: 'print(total)', tags: ['pipeline-metrics'] }
  ];
  const { dir, notebook, home } = notebookInTempDir(
    'cache-writes',
    'writes.ipynb',
    WRITES
  );

  const run = (path = notebook) => {
    const result = runJson(home, [path]);
    expect({
      code: result.code,
      stderr: result.code ? result.stderr : ''
    }).toEqual({ code: 0, stderr: '' });
    return result.record;
  };

  it('serves a writer only while its files are as it left them', () => {
    expect(runMetrics(run())).toEqual({ total: 6 });
    expect(step(run(), 'write').cached).toBe(true);

    rmSync(join(dir, 'clean.csv'));
    const deleted = run();
    expect(step(deleted, 'write').cached).not.toBe(true);
    expect(runMetrics(deleted)).toEqual({ total: 6 });

    writeFileSync(join(dir, 'clean.csv'), '100\n');
    const overwritten = run();
    expect(step(overwritten, 'write').cached).not.toBe(true);
    expect(runMetrics(overwritten)).toEqual({ total: 6 });

    expect(step(run(), 'write').cached).toBe(true);
  });

  it('serves steps that write a file another step or a shared helper writes too', () => {
    const { notebook: shared, home: sharedHome } = notebookInTempDir(
      'cache-shared-writes',
      'shared.ipynb',
      [
        {
          source: "def log(m):\n    open('run.log', 'a').write(m + '\\n')",
          tags: ['functions']
        },
        {
          source: "log('load')\nopen('out.txt', 'w').write('1')",
          tags: ['step:first']
        },
        {
          source: "log('train')\nopen('out.txt', 'a').write('2')",
          tags: ['step:second', 'prev:first']
        }
      ]
    );
    expect(runJson(sharedHome, [shared]).code).toBe(0);
    const again = runJson(sharedHome, [shared]);
    expect(again.code).toBe(0);
    expect(again.record.steps.map(s => [s.name, s.cached])).toEqual([
      ['first', true],
      ['second', true]
    ]);
  });

  it('runs the writer again for the same notebook in another folder', () => {
    const other = mkdtempSync(join(tmpdir(), 'cellpipe-cache-writes-copy-'));
    const copy = writeNotebook(other, 'writes.ipynb', WRITES);
    run();
    const elsewhere = run(copy);
    expect(step(elsewhere, 'write').cached).not.toBe(true);
    expect(runMetrics(elsewhere)).toEqual({ total: 6 });
  });
});

describe('the step cache and paths a step builds from its own names', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'cache-own-paths',
    'own.ipynb',
    [
      { source: 'import os\nfrom pathlib import Path', tags: ['imports'] },
      {
        source: [
          "DATA = 'data'",
          "FOLDER = Path('data')",
          "a = open(os.path.join(DATA, 'a.txt')).read()",
          "b = open(f'{DATA}/b.txt').read()",
          "c = (FOLDER / 'c.txt').read_text()",
          'total = int(a) + int(b) + int(c)'
        ].join('\n'),
        tags: ['step:load']
      },
      { source: 'print(total)', tags: ['pipeline-metrics'] }
    ]
  );
  mkdirSync(join(dir, 'data'));
  for (const name of ['a', 'b', 'c']) {
    writeFileSync(join(dir, 'data', `${name}.txt`), '1');
  }

  it('reruns the step when any of those files changes', () => {
    const run = () => {
      const result = runJson(home, [notebook]);
      expect(result.code).toBe(0);
      return result.record;
    };
    expect(runMetrics(run())).toEqual({ total: 3 });
    expect(step(run(), 'load').cached).toBe(true);
    let expected = 3;
    for (const name of ['a', 'b', 'c']) {
      writeFileSync(join(dir, 'data', `${name}.txt`), '10');
      expected += 9;
      const changed = run();
      expect(step(changed, 'load').cached).not.toBe(true);
      expect(runMetrics(changed)).toEqual({ total: expected });
    }
  });
});

describe('the step cache and a path an earlier step names', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'cache-input-paths',
    'input.ipynb',
    [
      { source: "csv_path = 'sales.csv'", tags: ['step:setup'] },
      {
        source: 'total = sum(int(v) for v in open(csv_path).read().split())',
        tags: ['step:load']
      },
      { source: 'print(total)', tags: ['pipeline-metrics'] }
    ]
  );
  writeFileSync(join(dir, 'sales.csv'), '10\n20\n');

  it('reruns the step that reads it when the file changes', () => {
    const run = () => {
      const result = runJson(home, [notebook]);
      expect(result.code).toBe(0);
      return result.record;
    };
    expect(runMetrics(run())).toEqual({ total: 30 });
    expect(step(run(), 'load').cached).toBe(true);
    writeFileSync(join(dir, 'sales.csv'), '10\n20\n5000\n');
    const changed = run();
    expect(step(changed, 'load').cached).not.toBe(true);
    expect(runMetrics(changed)).toEqual({ total: 5030 });
  });
});

describe('the step cache and a file a function from an earlier step reads', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'cache-function-files',
    'function.ipynb',
    [
      {
        source: [
          'def load():',
          "    with open('data.txt') as handle:",
          '        return handle.read().split()'
        ].join('\n'),
        tags: ['step:define']
      },
      { source: 'count = len(load())', tags: ['step:use'] },
      { source: 'print(count)', tags: ['pipeline-metrics'] }
    ]
  );
  writeFileSync(join(dir, 'data.txt'), 'one\n');

  it('reruns the step that calls it when the file changes', () => {
    const run = () => {
      const result = runJson(home, [notebook]);
      expect(result.code).toBe(0);
      return result.record;
    };
    expect(runMetrics(run())).toEqual({ count: 1 });
    expect(step(run(), 'use').cached).toBe(true);
    writeFileSync(join(dir, 'data.txt'), 'one two three\n');
    const changed = run();
    expect(step(changed, 'use').cached).not.toBe(true);
    expect(runMetrics(changed)).toEqual({ count: 3 });
  });
});
