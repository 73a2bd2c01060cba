/**
 * Issue 14, findings 6 and 10: `stepDefaults` is checked key by key (nothing reaches a document
 * in a shape the generators do not expect) and applies to local runs as on a cluster; integer
 * parameters beyond 2^53 are refused instead of stored as 1e+23.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebookText } from '../../src/core/analyze';
import { compile } from '../../src/core/generate/compile';
import { UserError } from '../../src/core/errors';
import { cellpipe } from '../support/cli';
import { codeCell, notebookJson } from '../support/notebook-json';

function notebook(stepDefaults: unknown, body = 'x = n + 1'): string {
  return JSON.stringify(
    notebookJson(
      [
        codeCell('n = 1\n', ['pipeline-parameters']),
        codeCell(body, ['step:one'])
      ],
      { cellpipe: { stepDefaults } }
    )
  );
}

function refusal(stepDefaults: unknown): string {
  const ir = analyzeNotebookText(notebook(stepDefaults), 'defaults.ipynb');
  try {
    compile(ir, 'argo');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).location.notebook).toBe('defaults.ipynb');
    return (error as UserError).message;
  }
  throw new Error('expected a refusal');
}

describe('stepDefaults', () => {
  it.each([
    [{ retries: '2\nx: y' }, /stepDefaults\.retries must be a whole number/],
    [{ retries: -1 }, /stepDefaults\.retries must be a whole number/],
    [{ labels: 'abc' }, /stepDefaults\.labels must be an object/],
    [{ labels: { team: 'a b' } }, /is not a valid label value/],
    [{ limits: { cpu: '2; rm -rf /' } }, /is not a Kubernetes quantity/],
    [
      { timeoutSeconds: '1' },
      /stepDefaults\.timeoutSeconds must be a whole number/
    ],
    [{ cache: 'no' }, /stepDefaults\.cache must be true or false/],
    [{ privileged: true }, /stepDefaults\.privileged is not a step setting/],
    ['all', /stepDefaults must be an object/]
  ])('%j is refused', (given, message) => {
    expect(refusal(given)).toMatch(message);
  });

  it('well-formed values reach the Workflow', () => {
    const ir = analyzeNotebookText(
      notebook({ retries: 2, timeoutSeconds: 60, labels: { team: 'ds' } }),
      'defaults.ipynb'
    );
    const workflow = compile(ir, 'argo').documents.find(
      d => d.kind === 'Workflow'
    ) as { spec: { templates: Record<string, unknown>[] } };
    const step = workflow.spec.templates.find(t => t.container)!;
    expect(step.retryStrategy).toEqual({ limit: '2' });
    expect(step.activeDeadlineSeconds).toBe('60');
    expect(step.metadata).toEqual({ labels: { team: 'ds' } });
  });

  it('a 1 s timeoutSeconds stops a local step too', () => {
    const work = mkdtempSync(join(tmpdir(), 'cellpipe-defaults-'));
    const path = join(work, 'sleepy.ipynb');
    writeFileSync(
      path,
      notebook({ timeoutSeconds: 1 }, 'import time\ntime.sleep(120)\nx = n')
    );
    const result = cellpipe(['run', path, '--json'], {
      env: { CELLPIPE_HOME: join(work, 'state'), CELLPIPE_PYTHON: 'python3' }
    });
    expect(result.code).toBe(1);
    const record = JSON.parse(result.stdout);
    expect(record.status).toBe('Failed');
    expect(record.steps[0].message).toMatch(/timed out|timeout/i);
  });
});

describe('integer parameters', () => {
  it('beyond 2^53 are refused, not stored as 1e+23', () => {
    const work = mkdtempSync(join(tmpdir(), 'cellpipe-bigint-'));
    const path = join(work, 'big.ipynb');
    writeFileSync(path, notebook({}));
    const result = cellpipe(
      ['run', path, '--param', 'n=100000000000000000000000'],
      {
        env: { CELLPIPE_HOME: join(work, 'state'), CELLPIPE_PYTHON: 'python3' }
      }
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad value for parameter 'n' (int)");
    expect(result.stderr).toContain('within ±9007199254740991');
  });
});
