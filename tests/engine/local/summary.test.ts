/** The summary `cellpipe run` prints when the run ends. */
import { IRunRecord } from '../../../src/core/runs/record';
import { formatRunSummary } from '../../../src/engine/local/summary';
import { stepRecord } from '../../support/step-record';

const record: IRunRecord = {
  id: '20261207-180000-abcdef',
  status: 'Succeeded',
  target: 'local',
  notebook: '/work/fan-out.ipynb',
  pipeline: 'fan-out',
  createdAt: '2026-12-07T18:00:00Z',
  startedAt: '2026-12-07T18:00:00Z',
  finishedAt: '2026-12-07T18:00:02Z',
  params: {},
  links: [],
  steps: [
    stepRecord('split', 'Succeeded', {
      startedAt: '2026-12-07T18:00:00Z',
      finishedAt: '2026-12-07T18:00:01Z',
      cached: true
    }),
    stepRecord('compare', 'Succeeded', {
      startedAt: '2026-12-07T18:00:01Z',
      finishedAt: '2026-12-07T18:00:02Z',
      metrics: { best: 'knn' }
    })
  ]
};

describe('the run summary', () => {
  it('lists each step, the metrics and the record, for a file or a pipe', () => {
    expect(formatRunSummary(record, '/home/run.json').split('\n')).toEqual([
      'run 20261207-180000-abcdef: Succeeded in 2.0s (fan-out, /work/fan-out.ipynb)',
      '  split    Succeeded    1.0s  cached',
      '  compare  Succeeded    1.0s',
      'metrics:',
      '  best = "knn"',
      'record: /home/run.json'
    ]);
  });

  it('leaves the steps out where the live table shows them on the terminal already', () => {
    expect(
      formatRunSummary(record, '/home/run.json', false).split('\n')
    ).toEqual([
      'run 20261207-180000-abcdef: Succeeded in 2.0s (fan-out, /work/fan-out.ipynb)',
      'metrics:',
      '  best = "knn"',
      'record: /home/run.json'
    ]);
  });
});
