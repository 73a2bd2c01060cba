/**
 * The engine-facing API (src/engine/local/api.ts): runs started in the background by a detached
 * runner (the real built CLI), log tailing, cancel, and recovery when a runner dies.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/cli';
import { PYTHON, tempHome, writeNotebook } from './local-run';
import {
  cancelRun,
  getRun,
  listRuns,
  readStepLog,
  startRun
} from '../../../src/engine/local/api';
import { UserError } from '../../../src/core/errors';
import { IRunRecord } from '../../../src/core/runs/record';

const ENTRY = join(ROOT, 'bin', 'cellpipe.js');
const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await sleep(100);
  }
}

async function finished(id: string, home: string): Promise<IRunRecord> {
  let record = getRun(id, home);
  await until(() => {
    record = getRun(id, home);
    return record.status !== 'Pending' && record.status !== 'Running';
  });
  return record;
}

const dir = mkdtempSync(join(tmpdir(), 'cellpipe-api-'));
const pidsFile = join(dir, 'pids.json');
const hanging = writeNotebook(dir, 'hang.ipynb', [
  { source: 'import json, os, subprocess, time', tags: ['imports'] },
  {
    source: [
      "child = subprocess.Popen(['sleep', '300'])",
      `json.dump([os.getpid(), child.pid], open(${JSON.stringify(pidsFile)}, 'w'))`,
      'time.sleep(300)'
    ].join('\n'),
    tags: ['step:hang']
  }
]);
const chatty = writeNotebook(dir, 'chatty.ipynb', [
  { source: 'greeting = "héllo"', tags: ['pipeline-parameters'] },
  {
    source: 'for i in range(3):\n    print(greeting, i)\nlines = 3',
    tags: ['step:talk']
  },
  { source: 'print("lines", lines)', tags: ['step:count'] }
]);
const request = (notebook: string, home: string) => ({
  notebook,
  home,
  python: PYTHON
});

it('starts a run in the background and returns its record at once', async () => {
  const home = tempHome();
  const started = Date.now();
  const record = startRun(
    { ...request(chatty, home), params: { greeting: 'grüß' } },
    { entry: ENTRY }
  );
  expect(Date.now() - started).toBeLessThan(5000);
  expect(record.status).toBe('Pending');
  expect(record.links).toEqual([
    { kind: 'local', label: 'Run viewer', url: `lab?cellpipe-run=${record.id}` }
  ]);
  const done = await finished(record.id, home);
  expect(done.status).toBe('Succeeded');
  expect(listRuns(home).map(r => r.id)).toEqual([record.id]);

  // Tailing: chunks read from successive offsets add up to the whole log.
  const whole = readFileSync(done.steps[0].log!, 'utf8');
  expect(whole).toContain('grüß 2');
  // Small chunks, so some cuts fall inside the two-byte characters.
  for (const limit of [1, 2, 3, 7]) {
    let offset = 0;
    let text = '';
    for (
      let reads = 0;
      offset < Buffer.byteLength(whole) && reads < 1000;
      reads++
    ) {
      const chunk = readStepLog(record.id, 'talk', offset, home, limit);
      text += chunk.text;
      offset = chunk.offset;
    }
    expect(text).toBe(whole);
  }
  const tail = readStepLog(record.id, 'talk', Buffer.byteLength(whole), home);
  expect(tail).toEqual({
    text: '',
    offset: Buffer.byteLength(whole),
    size: Buffer.byteLength(whole)
  });
  // An offset inside a two-byte character stops before it rather than splitting it.
  const split = Buffer.from(whole).indexOf(Buffer.from('ü')) + 1;
  expect(
    readStepLog(record.id, 'talk', split, home).text.startsWith('\ufffd')
  ).toBe(true);
  expect(() => readStepLog(record.id, 'nope', 0, home)).toThrow(UserError);
});

it('rejects bad input before starting anything', () => {
  const home = tempHome();
  expect(() =>
    startRun(
      { ...request(chatty, home), params: { missing: 1 } },
      { entry: ENTRY }
    )
  ).toThrow(/unknown parameter 'missing'/);
  expect(
    existsSync(join(home, 'runs')) ? readdirSync(join(home, 'runs')) : []
  ).toEqual([]);
  expect(() => getRun('20200101-000000-abcdef', home)).toThrow(UserError);
});

it('cancels a background run: every step process ends and the run is Cancelled', async () => {
  const home = tempHome();
  const record = startRun(request(hanging, home), { entry: ENTRY });
  await until(
    () => existsSync(pidsFile) && readFileSync(pidsFile, 'utf8').endsWith(']')
  );
  const pids = JSON.parse(readFileSync(pidsFile, 'utf8')) as number[];
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) {
    expect({ pid, alive: alive(pid) }).toEqual({ pid, alive: true });
  }
  const cancelled = await cancelRun(record.id, home);
  expect(cancelled.status).toBe('Cancelled');
  expect(cancelled.steps[0].status).toBe('Cancelled');
  expect(pids.filter(alive)).toEqual([]);
  // The step's log ends by saying so, not where the step happened to be.
  expect(readStepLog(record.id, 'hang', 0, home).text).toMatch(
    /\ncellpipe: step hang was cancelled while it ran\n$/
  );
});

it('cancels a run right after starting it, before its runner runs a step', async () => {
  const home = tempHome();
  const record = startRun(request(hanging, home), { entry: ENTRY });
  const cancelled = await cancelRun(record.id, home);
  expect(cancelled.status).toBe('Cancelled');
  expect(cancelled.steps.map(s => s.status)).toEqual(['Cancelled']);
  await sleep(500);
  expect(getRun(record.id, home).status).toBe('Cancelled');
});

it('marks a run whose runner died Failed, and ends the steps it left behind', async () => {
  const home = tempHome();
  const pids = join(dir, 'pids.json');
  require('node:fs').rmSync(pids, { force: true });
  const record = startRun(request(hanging, home), { entry: ENTRY });
  await until(
    () => existsSync(pids) && readFileSync(pids, 'utf8').endsWith(']')
  );
  const stepPids = JSON.parse(readFileSync(pids, 'utf8')) as number[];
  const runner = Number(
    readFileSync(join(home, 'runs', record.id, 'runner.pid'), 'utf8')
  );
  process.kill(runner, 'SIGKILL');
  await until(() => !alive(runner));
  expect(stepPids.every(alive)).toBe(true);
  const recovered = getRun(record.id, home);
  expect(recovered.status).toBe('Failed');
  expect(recovered.error).toMatch(
    /the local runner \(pid \d+\) stopped without finishing the run/
  );
  expect(recovered.steps[0]).toMatchObject({
    status: 'Failed',
    message: 'the runner stopped while this step ran'
  });
  await until(() => !stepPids.some(alive), 10_000);
});
