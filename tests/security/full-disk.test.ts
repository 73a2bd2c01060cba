/**
 * Issue 14, finding 7: a full run-store disk. A real tmpfs of 1 MiB, mounted in a private mount
 * namespace (`unshare -m` as root, `unshare -rm` otherwise), holds CELLPIPE_HOME; nothing about
 * the file system is mocked. Inside the namespace a scenario script drives the real CLI and the
 * real engine and writes what it saw to a JSON file outside the tmpfs, which the test then judges:
 *
 * - a step fills the disk during a run: the run fails with a message that says the disk is full
 *   (exit 1, not 70), no record is left Running, no temporary file or space reserve is left;
 * - `cellpipe runs` and the engine's listRuns still answer, even for a stale Running record that
 *   cannot be rewritten on the full disk;
 * - a disk already full before a run starts: `cellpipe run` and the engine's startRun refuse with
 *   that message, and no run folder is left without its run.json.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';
import { PYTHON } from '../support/python';
import { codeCell, notebookJson } from '../support/notebook-json';

const SCENARIO = String.raw`
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const [bundle, python, dir, out] = process.argv.slice(2);
const home = path.join(dir, 'store', 'home');
const runs = path.join(home, 'runs');
const env = { ...process.env, CELLPIPE_HOME: home, FILL: path.join(dir, 'store', 'filler') };
const cli = args => {
  const r = spawnSync(process.execPath, [bundle, ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const engine = request => {
  const r = spawnSync(process.execPath, [bundle, 'engine', '--root', dir], {
    env, encoding: 'utf8', input: JSON.stringify(request) + '\n'
  });
  return { code: r.status, reply: r.stdout.trim() ? JSON.parse(r.stdout.trim().split('\n')[0]) : null, stderr: r.stderr };
};
const walk = d => fs.readdirSync(d, { withFileTypes: true }).flatMap(e =>
  e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
const state = () => {
  const ids = fs.existsSync(runs) ? fs.readdirSync(runs) : [];
  return {
    ids,
    withoutRecord: ids.filter(id => !fs.existsSync(path.join(runs, id, 'run.json'))),
    records: ids.filter(id => fs.existsSync(path.join(runs, id, 'run.json')))
      .map(id => JSON.parse(fs.readFileSync(path.join(runs, id, 'run.json'), 'utf8'))),
    leftovers: fs.existsSync(home) ? walk(home).filter(f => /\.tmp$|space-reserve$/.test(f)) : []
  };
};
const result = {};
// Room kept for the scenario's own files below, whatever the run leaves of the disk.
const room = path.join(dir, 'store', 'scenario-room');
fs.writeFileSync(room, Buffer.alloc(128 * 1024));
result.duringRun = cli(['run', 'fill.ipynb', '--python', python]);
result.afterRun = state();
// A run whose runner died while Running: reading the store marks it Failed, disk full or not.
const stale = '20200101-000000-abc123';
fs.rmSync(room);
fs.mkdirSync(runs, { recursive: true });
fs.mkdirSync(path.join(runs, stale));
fs.writeFileSync(path.join(runs, stale, 'run.json'), JSON.stringify({
  id: stale, status: 'Running', target: 'local', notebook: path.join(dir, 'fill.ipynb'),
  pipeline: 'fill', createdAt: '2020-01-01T00:00:00.000Z', startedAt: '2020-01-01T00:00:00.000Z',
  finishedAt: null, params: {}, links: [],
  steps: [{ name: 'fill', status: 'Running', startedAt: '2020-01-01T00:00:00.000Z',
            finishedAt: null, exitCode: null, after: [] }]
}));
fs.writeFileSync(path.join(runs, stale, 'runner.pid'), '2147483646\n');
// Cancelling a run on the full disk: a 'runner' (a sleep) that the cancel must end.
const active = '20200101-000001-def456';
const runner = require('node:child_process').spawn('sleep', ['600'], { stdio: 'ignore' });
try {
  fs.mkdirSync(path.join(runs, active));
  fs.writeFileSync(path.join(runs, active, 'run.json'), JSON.stringify({
    id: active, status: 'Running', target: 'local', notebook: path.join(dir, 'fill.ipynb'),
    pipeline: 'fill', createdAt: new Date().toISOString(), startedAt: null, finishedAt: null,
    params: {}, links: [], steps: []
  }));
  fs.writeFileSync(path.join(runs, active, 'runner.pid'), runner.pid + '\n');
  result.cancelPrepared = true;
} catch (error) {
  result.cancelPrepared = String(error);
}
// Now fill what is left, to the last byte.
const filler = fs.openSync(path.join(dir, 'store', 'filler2'), 'w');
const chunk = Buffer.alloc(4096, 120);
let full = false;
for (let i = 0; i < 100000 && !full; i++) {
  try { fs.writeSync(filler, chunk); } catch (error) { full = error.code === 'ENOSPC'; }
}
for (let size = 2048; size >= 1 && full; size = Math.floor(size / 2)) {
  try { for (;;) fs.writeSync(filler, Buffer.alloc(size, 120)); } catch {}
}
fs.closeSync(filler);
result.filled = full;
result.runs = cli(['runs']);
result.listRuns = engine({ id: 1, method: 'listRuns', params: {} });
result.cancel = engine({ id: 3, method: 'cancelRun', params: { id: active } });
const stat = fs.readFileSync('/proc/' + runner.pid + '/stat', 'utf8');
result.runnerEnded = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] === 'Z';
runner.kill('SIGKILL');
result.beforeRun = cli(['run', 'fill.ipynb', '--python', python]);
result.startRun = engine({ id: 2, method: 'startRun', params: { path: 'fill.ipynb' } });
result.afterRefusals = state();
fs.writeFileSync(out, JSON.stringify(result, null, 2));
`;

const FILL_NOTEBOOK = notebookJson([
  codeCell('import os', ['imports']),
  codeCell(
    [
      'x = 1',
      'try:',
      "    with open(os.environ['FILL'], 'wb') as f:",
      '        while True:',
      "            f.write(b'x' * 65536)",
      'except OSError as error:',
      "    print('the disk is full:', error)"
    ].join('\n'),
    ['step:fill']
  ),
  codeCell('y = x + 1', ['step:after'])
]);

interface ICli {
  code: number | null;
  stdout: string;
  stderr: string;
}
interface IState {
  ids: string[];
  withoutRecord: string[];
  records: {
    id: string;
    status: string;
    error?: string;
    steps: { status: string; message?: string }[];
  }[];
  leftovers: string[];
}
interface IScenario {
  cancelPrepared: true | string;
  cancel: {
    reply: { result?: { status: string }; error?: { message: string } };
  };
  runnerEnded: boolean;
  duringRun: ICli;
  afterRun: IState;
  filled: boolean;
  runs: ICli;
  listRuns: {
    reply: { result?: { id: string; status: string; error?: string }[] };
  };
  beforeRun: ICli;
  startRun: { reply: { error?: { status: number; message: string } } };
  afterRefusals: IState;
}

const FULL = /no space left on its device \(ENOSPC\)/;

describe('a full run-store disk (a real 1 MiB tmpfs)', () => {
  let dir: string;
  let scenario: IScenario;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cellpipe-full-disk-'));
    mkdirSync(join(dir, 'store'));
    writeFileSync(join(dir, 'fill.ipynb'), JSON.stringify(FILL_NOTEBOOK));
    writeFileSync(join(dir, 'scenario.cjs'), SCENARIO);
    const out = join(dir, 'result.json');
    const bundle = join(ROOT, 'cellpipe', 'engine', 'cellpipe.cjs');
    const inner = [
      'set -e',
      `mount -t tmpfs -o size=1m cellpipe-full "$1/store"`,
      `exec "${process.execPath}" "$1/scenario.cjs" "$2" "$3" "$1" "$4"`
    ].join('\n');
    // As root a private mount namespace suffices; otherwise a user namespace maps us to root.
    const unshare =
      process.getuid?.() === 0 ? ['-m'] : ['--map-root-user', '-m'];
    const ran = spawnSync(
      'unshare',
      [...unshare, 'sh', '-c', inner, 'sh', dir, bundle, PYTHON, out],
      { encoding: 'utf8', timeout: 300_000 }
    );
    if (ran.status !== 0) {
      throw new Error(
        `the tmpfs scenario did not run (unshare ${unshare.join(' ')}: exit ${ran.status}, ` +
          `${ran.error ?? ''}):\n${ran.stdout}\n${ran.stderr}`
      );
    }
    scenario = JSON.parse(readFileSync(out, 'utf8')) as IScenario;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails a run whose store fills up, with a message saying so, not exit 70', () => {
    const { duringRun, afterRun } = scenario;
    expect(duringRun.code).toBe(1);
    expect(duringRun.stderr).toMatch(FULL);
    expect(duringRun.stderr).not.toMatch(/internal error|bug in cellpipe/);
    expect(afterRun.records).toHaveLength(1);
    const [record] = afterRun.records;
    expect(record.status).toBe('Failed');
    expect(record.error).toMatch(FULL);
    expect(record.steps.map(s => s.status)).toEqual(['Failed', 'Skipped']);
    expect(record.steps[1].message).toMatch(FULL);
  });

  it('leaves no temporary file, no space reserve, no folder without run.json', () => {
    expect(scenario.afterRun.leftovers).toEqual([]);
    expect(scenario.afterRun.withoutRecord).toEqual([]);
    expect(scenario.afterRefusals.leftovers).toEqual([]);
  });

  it('keeps the store readable when full: cellpipe runs and the runs API answer', () => {
    expect(scenario.filled).toBe(true);
    expect(scenario.runs.code).toBe(0);
    expect(scenario.runs.stdout).toMatch(/20200101-000000-abc123\s+Failed/);
    const listed = scenario.listRuns.reply.result!;
    const status = (id: string) => listed.find(r => r.id === id)?.status;
    expect(status(scenario.afterRun.ids[0])).toBe('Failed');
    expect(status('20200101-000000-abc123')).toBe('Failed');
    // Its runner is alive: Running is the truth.
    expect(status('20200101-000001-def456')).toBe('Running');
    const stale = listed.find(r => r.id === '20200101-000000-abc123')!;
    expect(stale.error).toMatch(/stopped without finishing the run/);
    expect(stale.error).toMatch(FULL);
  });

  it('cancels a run on the full disk: the runner ends, no error, nothing left Running', () => {
    expect(scenario.cancelPrepared).toBe(true);
    expect(scenario.cancel.reply.error).toBeUndefined();
    expect(['Failed', 'Cancelled']).toContain(
      scenario.cancel.reply.result?.status
    );
    expect(scenario.runnerEnded).toBe(true);
  });

  it('refuses a run on a disk already full and leaves no folder behind', () => {
    expect(scenario.beforeRun.code).toBe(2);
    expect(scenario.beforeRun.stderr).toMatch(
      /cannot prepare the run: the run store .* has no space left/
    );
    expect(scenario.startRun.reply.error?.status).toBe(400);
    expect(scenario.startRun.reply.error?.message).toMatch(FULL);
    expect(scenario.afterRefusals.withoutRecord).toEqual([]);
    expect(scenario.afterRefusals.ids.sort()).toEqual(
      [
        ...scenario.afterRun.ids,
        '20200101-000000-abc123',
        '20200101-000001-def456'
      ].sort()
    );
  });
});
