/** What `submit --watch` prints as a run changes: the statuses, then why each waiting step waits. */
import { progressLines } from '../../src/cli/commands/progress-lines';
import { IRunRecord, IStepRecord, RunStatus } from '../../src/core/runs/record';
import { stepRecord } from '../support/step-record';

const step = (name: string, status: RunStatus, message?: string) =>
  stepRecord(name, status, message ? { message } : {});

function run(steps: IStepRecord[]): IRunRecord {
  return {
    id: '20261201-000000-000abc',
    status: 'Running',
    target: 'argo',
    notebook: 'n.ipynb',
    pipeline: 'n',
    createdAt: '2026-12-01T00:00:00Z',
    startedAt: null,
    finishedAt: null,
    params: {},
    links: [],
    steps
  };
}

test('one line of statuses, then one line per waiting step that has a reason', () => {
  expect(
    progressLines(
      run([
        step('load', 'Failed', 'Error (exit code 1)'),
        step(
          'train',
          'Pending',
          'ImagePullBackOff: Back-off pulling image "x:1"'
        ),
        step('report', 'Pending')
      ])
    )
  ).toBe(
    'Running: load=Failed train=Pending report=Pending\n' +
      '  train waits: ImagePullBackOff: Back-off pulling image "x:1"\n'
  );
  expect(progressLines(run([step('a', 'Running')]))).toBe(
    'Running: a=Running\n'
  );
});
