// End-to-end, the lab's path: the engine (what the Jupyter server extension talks to) starts an
// Argo run on the real cluster, its status goes live, the run viewer's log call returns the pod's
// log, and cancel stops it (its pods are deleted). Needs the cluster up (scripts/cluster.sh).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clusterUp,
  env,
  image,
  namespace,
  root,
  until,
  work,
  workflowPods
} from './support.mjs';

describe("the lab's path on the real cluster", () => {
  let engine;
  let call;
  const labRoot = join(work, 'lab-root');

  before(() => {
    clusterUp();
    mkdirSync(labRoot, { recursive: true });
    const cell = (source, tags) => ({
      cell_type: 'code',
      metadata: { tags },
      source,
      outputs: [],
      execution_count: null
    });
    writeFileSync(
      join(labRoot, 'lab.ipynb'),
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { cellpipe: { name: 'lab path' } },
        cells: [
          cell('greeting = "hello"', ['pipeline-parameters']),
          cell(
            'import time\nprint(greeting, "from the cluster", flush=True)\ntime.sleep(600)',
            ['step:talk']
          )
        ]
      })
    );
    engine = spawn(
      process.execPath,
      [join(root, 'bin/cellpipe.js'), 'engine', '--root', labRoot],
      {
        env: env(),
        stdio: ['pipe', 'pipe', 'inherit']
      }
    );
    const replies = new Map();
    let buffered = '';
    engine.stdout.setEncoding('utf8').on('data', chunk => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const reply = JSON.parse(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        replies.get(reply.id)?.(reply);
      }
    });
    let nextId = 1;
    call = (method, params) =>
      new Promise(done => {
        const id = nextId++;
        replies.set(id, done);
        engine.stdin.write(JSON.stringify({ id, method, params }) + '\n');
      });
  });

  after(() => engine?.kill());

  /** Cancels run `id` and waits until its pods are gone. */
  async function cancelAndWait(id) {
    const cancelled = await call('cancelRun', { id });
    assert.ok(cancelled.result, JSON.stringify(cancelled.error));
    const final = await until(async () => {
      const got = await call('getRun', { id });
      return ['Cancelled', 'Failed', 'Succeeded'].includes(got.result.status)
        ? got.result
        : undefined;
    });
    assert.equal(final.status, 'Cancelled');
    await until(
      async () => (await workflowPods(final.workflowName)).length === 0
    );
    return final;
  }

  test('startRun (target argo) → live status → the step log → cancel', async () => {
    const started = await call('startRun', {
      path: 'lab.ipynb',
      target: 'argo',
      params: { greeting: 'hi there' },
      overrides: { namespace, image }
    });
    assert.ok(started.result, JSON.stringify(started.error));
    const id = started.result.id;
    const running = await until(async () => {
      const got = await call('getRun', { id });
      assert.ok(got.result, JSON.stringify(got.error));
      return got.result.steps[0].status === 'Running' ? got.result : undefined;
    });
    assert.equal(running.status, 'Running');
    const log = await until(async () => {
      const read = await call('readLog', { id, step: 'talk', offset: 0 });
      assert.ok(read.result, JSON.stringify(read.error));
      return /hi there from the cluster/.test(read.result.text)
        ? read.result
        : undefined;
    });
    assert.equal(log.complete, false);
    const tail = await call('readLog', {
      id,
      step: 'talk',
      offset: log.offset
    });
    assert.equal(
      tail.result.text,
      '',
      'tailing from the end gives nothing new'
    );

    await cancelAndWait(id);
  });

  test("a step whose image cannot be pulled says why it waits, in the run's record", async () => {
    // The sidebar lists the runs' records: a run that waits must say why, not only "Pending".
    const started = await call('startRun', {
      path: 'lab.ipynb',
      target: 'argo',
      params: {},
      overrides: { namespace, image: 'localhost/cellpipe-no-such-image:1' }
    });
    assert.ok(started.result, JSON.stringify(started.error));
    const id = started.result.id;
    // Before the pull fails, the pod may say that it is starting (Argo's init container runs
    // first): the messages in order, until one says why it waits or the step is no longer Pending.
    const messages = [];
    const waiting = await until(async () => {
      const got = await call('getRun', { id });
      assert.ok(got.result, JSON.stringify(got.error));
      const step = got.result.steps[0];
      if (step.message && step.message !== messages.at(-1)) {
        messages.push(step.message);
      }
      return /ImagePull/.test(step.message ?? '') || step.status !== 'Pending'
        ? step
        : undefined;
    });
    assert.equal(waiting.status, 'Pending', JSON.stringify(messages));
    assert.match(
      waiting.message,
      /^(ErrImagePull|ImagePullBackOff): .*localhost\/cellpipe-no-such-image:1/
    );
    for (const before of messages.slice(0, -1)) {
      assert.match(before, /^(PodInitializing|ContainerCreating)\b/);
    }
    // Cancelled, the step says so instead (Argo fails the node: shutdown with Terminate).
    const final = await cancelAndWait(id);
    assert.doesNotMatch(final.steps[0].message ?? '', /ImagePull/);
  });
});
