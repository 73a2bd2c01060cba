/** `cellpipe logs RUN_ID [STEP]...` for local runs, and how Argo attempts are found and printed. */
import {
  cli,
  runJson,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatAttemptLogs,
  stepPodNodes
} from '../../src/engine/kube/argo-log-attempts';
import { IWorkflowObject } from '../../src/engine/kube/argo-documents';

const dir = mkdtempSync(join(tmpdir(), 'cellpipe-logs-'));
const notebook = writeNotebook(dir, 'two.ipynb', [
  { source: 'a = 1\nprint("first says", a)', tags: ['step:first'] },
  { source: 'print("second says", a + 1)', tags: ['step:second'] }
]);

describe('cellpipe logs (local runs)', () => {
  const home = tempHome();
  const { record } = runJson(home, [notebook]);

  it('prints one step log as it is', () => {
    const result = cli(home, ['logs', record.id, 'second']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^second says 2$/m);
    expect(result.stdout).not.toMatch(/==>/);
  });

  it('prints every step, in order, each under a header', () => {
    const result = cli(home, ['logs', record.id]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^==> first <==\n[\s\S]*first says 1\n[\s\S]*==> second <==\n[\s\S]*second says 2$/m
    );
  });

  it('refuses an unknown step or run', () => {
    const step = cli(home, ['logs', record.id, 'nope']);
    expect(step.code).toBe(2);
    expect(step.stderr).toMatch(/has no step 'nope'/);
    const run = cli(home, ['logs', 'no-such-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no run 'no-such-run'/);
  });
});

describe('Argo step attempts', () => {
  const workflow: IWorkflowObject = {
    metadata: { name: 'wf' },
    spec: {},
    status: {
      nodes: {
        wf: { id: 'wf', displayName: 'wf', type: 'DAG', children: ['r', 'p'] },
        r: {
          id: 'r',
          displayName: 'flaky',
          type: 'Retry',
          children: ['a2', 'a1']
        },
        a1: {
          id: 'a1',
          displayName: 'flaky(0)',
          type: 'Pod',
          startedAt: '2026-11-30T00:00:01Z'
        },
        a2: {
          id: 'a2',
          displayName: 'flaky(1)',
          type: 'Pod',
          startedAt: '2026-11-30T00:00:09Z'
        },
        p: { id: 'p', displayName: 'plain', type: 'Pod' }
      }
    }
  };

  it("a retried step's attempts are its Retry node's pods, in start order", () => {
    expect(stepPodNodes(workflow, 'flaky').map(n => n.id)).toEqual([
      'a1',
      'a2'
    ]);
    expect(stepPodNodes(workflow, 'plain').map(n => n.id)).toEqual(['p']);
    expect(stepPodNodes(workflow, 'missing')).toEqual([]);
  });

  it('prints a header per attempt, and one lone attempt as it is', () => {
    const attempt = (n: number, text: string) => ({
      step: 'flaky',
      attempt: n,
      attempts: 2,
      pod: `wf-flaky-${n}`,
      text,
      available: true
    });
    expect(
      formatAttemptLogs([attempt(1, 'boom\n'), attempt(2, 'ok')], false)
    ).toBe(
      '==> flaky attempt 1/2 (pod wf-flaky-1) <==\nboom\n' +
        '==> flaky attempt 2/2 (pod wf-flaky-2) <==\nok\n'
    );
    const lone = { ...attempt(1, 'just this\n'), attempts: 1 };
    expect(formatAttemptLogs([lone], false)).toBe('just this\n');
    expect(
      formatAttemptLogs([{ ...lone, available: false, text: 'gone' }], false)
    ).toBe('(gone)\n');
  });
});
