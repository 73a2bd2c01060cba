/** `cellpipe runs`: listing with status, duration and links, and pruning that spares live runs. */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cli,
  runJson,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';
import { IRunRecord } from '../../src/core/runs/record';
import { recordRename } from '../../src/engine/local/notebook-renames';
import { writeRecord } from '../../src/engine/local/store';
import { listRunsMethod } from '../../src/engine/server/run-methods';
import { cellpipe } from '../support/cli';
import { PYTHON } from '../support/python';

const dir = mkdtempSync(join(tmpdir(), 'cellpipe-runs-'));
const ok = writeNotebook(dir, 'ok.ipynb', [
  { source: 'a = 1', tags: ['step:one'] }
]);
const bad = writeNotebook(dir, 'bad.ipynb', [
  { source: 'a = 1 / 0', tags: ['step:one'] }
]);

function listed(home: string): IRunRecord[] {
  const result = cli(home, ['runs', '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as IRunRecord[];
}

describe('cellpipe runs', () => {
  const home = tempHome();
  const first = runJson(home, [ok]).record;
  const failed = runJson(home, [bad]).record;
  const last = runJson(home, [ok]).record;

  it('lists every run, newest first, with status, time and the run viewer link', () => {
    expect(listed(home).map(r => [r.id, r.status])).toEqual([
      [last.id, 'Succeeded'],
      [failed.id, 'Failed'],
      [first.id, 'Succeeded']
    ]);
    const table = cli(home, ['runs']).stdout.split('\n');
    expect(table[0]).toMatch(
      /^ID\s+STATUS\s+TIME\s+TARGET\s+NOTEBOOK\s+LINKS$/
    );
    expect(table[2]).toMatch(
      new RegExp(
        `^${failed.id}\\s+Failed\\s+(\\d+\\.\\ds|\\d+s|\\d+m\\d\\ds)\\s+local\\s+\\S*bad\\.ipynb\\s+lab\\?cellpipe-run=${failed.id}$`
      )
    );
  });

  it('records a notebook given relative to the working folder by its absolute path, so the lab lists the run under that notebook only', async () => {
    const relativeHome = tempHome();
    const ran = cellpipe(['run', '--json', 'ok.ipynb'], {
      cwd: dir,
      env: { CELLPIPE_HOME: relativeHome, CELLPIPE_PYTHON: PYTHON }
    });
    expect(ran.code).toBe(0);
    const record = JSON.parse(ran.stdout) as IRunRecord;
    expect(record.notebook).toBe(ok);
    // Another Jupyter root with a notebook of the same name: not this run's notebook.
    const otherRoot = mkdtempSync(join(tmpdir(), 'cellpipe-other-root-'));
    copyFileSync(ok, join(otherRoot, 'ok.ipynb'));
    const runsOf = (root: string, notebook: string) =>
      listRunsMethod(
        { root, entry: '', home: relativeHome },
        { notebook }
      ).then(runs => runs.map(r => r.id));
    await expect(runsOf(otherRoot, 'ok.ipynb')).resolves.toEqual([]);
    await expect(runsOf(dir, 'ok.ipynb')).resolves.toEqual([record.id]);
  });

  it('shows a notebook renamed through Jupyter since its run where it is now', () => {
    const renamedHome = tempHome();
    const ran = runJson(renamedHome, [ok]).record;
    const moved = join(dir, 'moved', 'ok-renamed.ipynb');
    recordRename(
      { from: ran.notebook, to: moved, at: new Date().toISOString() },
      renamedHome
    );
    const rows = cli(renamedHome, ['runs']).stdout.split('\n');
    expect(rows[1]).toContain(moved);
    expect(listed(renamedHome)[0].notebook).toBe(ran.notebook);
  });

  it('says a notebook deleted through Jupyter since its run was deleted', () => {
    const deletedHome = tempHome();
    const ran = runJson(deletedHome, [ok]).record;
    recordRename(
      { from: ran.notebook, to: null, at: new Date().toISOString() },
      deletedHome
    );
    const rows = cli(deletedHome, ['runs']).stdout.split('\n');
    expect(rows[1]).toContain(`${ran.notebook} (deleted)`);
    expect(listed(deletedHome)[0].notebook).toBe(ran.notebook);
  });

  it('says so when there are no runs', () => {
    expect(cli(tempHome(), ['runs']).stdout).toMatch(/no runs recorded yet/);
  });

  it.each([
    [['--prune'], /--prune needs a selector/],
    [
      ['--prune', '--older-than', '7 days'],
      /--older-than expects a number and a unit/
    ],
    [['--prune', '--status', 'Done'], /--status expects one of/],
    [
      ['--prune', '--keep', '-1'],
      /--keep expects a whole number|unknown option/
    ],
    [['--keep', '2'], /--keep is an option of --prune/]
  ])('rejects %j', (args, message) => {
    const result = cli(home, ['runs', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('cellpipe runs --prune', () => {
  it('deletes by status, age and count, never a live run', () => {
    const home = tempHome();
    const runs = [
      runJson(home, [ok]),
      runJson(home, [bad]),
      runJson(home, [ok]),
      runJson(home, [ok])
    ].map(r => r.record);
    // A run that is still going: its runner (this test process) is alive.
    const live: IRunRecord = {
      ...runs[0],
      id: runs[3].id.replace(/-[0-9a-f]{6}$/, '-ffffff'),
      status: 'Running',
      createdAt: new Date().toISOString()
    };
    writeRecord(live, home);
    require('node:fs').writeFileSync(
      join(home, 'runs', live.id, 'runner.pid'),
      `${process.pid}\n`
    );

    expect(cli(home, ['runs', '--prune', '--older-than', '1h']).stdout).toMatch(
      /no run matched/
    );
    const byStatus = cli(home, [
      'runs',
      '--prune',
      '--status',
      'failed',
      '--json'
    ]);
    expect(JSON.parse(byStatus.stdout)).toEqual([runs[1].id]);
    const byCount = cli(home, ['runs', '--prune', '--keep', '1']);
    expect(byCount.stdout).toMatch(
      new RegExp(`deleted 2 runs: ${runs[0].id}, ${runs[2].id}`)
    );
    expect(
      listed(home)
        .map(r => r.id)
        .sort()
    ).toEqual([runs[3].id, live.id].sort());
    cli(home, ['runs', '--prune', '--older-than', '0s']);
    expect(listed(home).map(r => [r.id, r.status])).toEqual([
      [live.id, 'Running']
    ]);
  });
});
