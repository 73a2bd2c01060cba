/**
 * The step cache and what a step's code reaches by paths no analysis can follow: a path kept in a
 * config dict, one a helper module builds, a folder named at run time. The runtime reports the
 * files the step's cells opened and listed (Python's audit events), and a later run reuses the
 * step only while they are as that run left them. Before, such a step was served from the cache
 * after its data changed (the old numbers), and a step whose output file was deleted was served
 * without writing it again (a file the step wrote need only be there: another step may append to
 * it, see tests/cli/run-cache-files.test.ts). A step that reaches outside its files (a socket, a program) is
 * never reused.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import {
  notebookInTempDir,
  runJson,
  runMetrics,
  step
} from '../engine/local/local-run';
import { IRunRecord } from '../../src/core/runs/record';

const CELLS = [
  { source: 'import os\nimport helpers', tags: ['imports'] },
  {
    source:
      "CONFIG = {'rows': 'in' + '/rows', 'folder': 'in' + 'box', 'out': 'report' + '.out'}",
    tags: ['step:config']
  },
  {
    source: [
      "rows = open(CONFIG['rows']).read().split()",
      'extra = helpers.read_words()',
      "names = sorted(os.listdir(CONFIG['folder']))"
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'count = len(rows) + len(extra) + len(names)',
      "with open(CONFIG['out'], 'w') as handle:",
      '    handle.write(str(count))'
    ].join('\n'),
    tags: ['step:report']
  },
  { source: 'print(count)', tags: ['pipeline-metrics'] }
];

/** Sets a file's time a few seconds ahead, so that a rewrite of the same size is seen. */
function touchAhead(path: string, seconds: number): void {
  const time = new Date(Date.now() + seconds * 1000);
  utimesSync(path, time, time);
}

describe('the step cache and the files a step reaches by computed paths', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'cache-observed',
    'observed.ipynb',
    CELLS
  );
  writeFileSync(
    join(dir, 'helpers.py'),
    [
      'def read_words():',
      "    with open('in/' + 'words') as handle:",
      '        return handle.read().split()',
      ''
    ].join('\n')
  );
  mkdirSync(join(dir, 'in'));
  mkdirSync(join(dir, 'inbox'));
  writeFileSync(join(dir, 'in', 'rows'), 'a b\n');
  writeFileSync(join(dir, 'in', 'words'), 'x\n');
  writeFileSync(join(dir, 'inbox', 'one'), '');

  const run = (): IRunRecord => {
    const result = runJson(home, [notebook]);
    expect({
      code: result.code,
      stderr: result.code ? result.stderr : ''
    }).toEqual({ code: 0, stderr: '' });
    return result.record;
  };
  const cached = (record: IRunRecord) =>
    ['load', 'report'].map(name => step(record, name).cached === true);

  it('reruns the step once a file it read or a folder it listed changes, and only then', () => {
    expect(runMetrics(run())).toEqual({ count: 4 });
    expect(cached(run())).toEqual([true, true]);

    writeFileSync(join(dir, 'in', 'rows'), 'a b c\n');
    const rows = run();
    expect(cached(rows)).toEqual([false, false]);
    expect(runMetrics(rows)).toEqual({ count: 5 });

    writeFileSync(join(dir, 'in', 'words'), 'x\n'); // the same words: a new time
    touchAhead(join(dir, 'in', 'words'), 5);
    const words = run();
    expect(step(words, 'load').cached).not.toBe(true);
    expect(runMetrics(words)).toEqual({ count: 5 }); // the same words: report is reused
    expect(step(words, 'report').cached).toBe(true);

    writeFileSync(join(dir, 'inbox', 'two'), '');
    const listed = run();
    expect(cached(listed)).toEqual([false, false]);
    expect(runMetrics(listed)).toEqual({ count: 6 });
    expect(cached(run())).toEqual([true, true]);
  });

  it('runs a step again when a file its code wrote is gone', () => {
    run();
    const report = join(dir, 'report.out');
    rmSync(report);
    expect(step(run(), 'report').cached).not.toBe(true);
    expect(readFileSync(report, 'utf8')).toBe('6');
    expect(step(run(), 'report').cached).toBe(true);
  });
});

describe('the step cache and a step that reaches outside its files', () => {
  const { notebook, home } = notebookInTempDir(
    'cache-outside',
    'outside.ipynb',
    [
      { source: 'import socket\nimport subprocess', tags: ['imports'] },
      {
        source: [
          'server = socket.socket()',
          "server.bind(('127.0.0.1', 0))",
          'server.listen()',
          'client = socket.create_connection(server.getsockname())',
          'client.close()',
          'server.close()',
          'answered = 1'
        ].join('\n'),
        tags: ['step:network']
      },
      {
        source: "ran = subprocess.run(['true']).returncode",
        tags: ['step:program']
      },
      { source: 'quiet = answered + ran', tags: ['step:plain'] },
      { source: 'print(quiet)', tags: ['pipeline-metrics'] }
    ]
  );

  it('is never reused, and its log says why', () => {
    const first = runJson(home, [notebook]);
    expect(first.code).toBe(0);
    const again = runJson(home, [notebook]).record;
    expect(
      ['network', 'program', 'plain'].map(
        name => step(again, name).cached === true
      )
    ).toEqual([false, false, true]);
    const log = readFileSync(step(again, 'network').log ?? '', 'utf8');
    expect(log).toContain(
      "cellpipe: not kept for reuse: the step's code reached outside its files (socket.connect)"
    );
    expect(readFileSync(step(again, 'program').log ?? '', 'utf8')).toContain(
      '(subprocess.Popen)'
    );
    expect(existsSync(step(again, 'plain').log ?? '')).toBe(true);
  });
});

describe('the step cache and a library that probes the machine', () => {
  const { notebook, home } = notebookInTempDir('cache-probe', 'probe.ipynb', [
    {
      source: 'import numpy as np\nfrom sklearn.cluster import KMeans',
      tags: ['imports']
    },
    {
      source: 'X = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]])',
      tags: ['step:data']
    },
    {
      source:
        'labels = KMeans(n_clusters=2, n_init=2, random_state=0).fit_predict(X)',
      tags: ['step:cluster']
    },
    { source: 'groups = len(set(labels.tolist()))', tags: ['step:report'] },
    { source: 'print(groups)', tags: ['pipeline-metrics'] }
  ]);

  it('reuses a step whose KMeans ran lscpu to count the cores (loky), which reaches nothing outside', () => {
    expect(runJson(home, [notebook]).code).toBe(0);
    const again = runJson(home, [notebook]).record;
    expect(step(again, 'cluster').cached).toBe(true);
    expect(runMetrics(again)).toEqual({ groups: 2 });
  });
});
