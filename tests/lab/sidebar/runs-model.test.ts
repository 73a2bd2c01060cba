import { IRunRecord, RunStatus } from '../../../src/core/runs/record';
import { labRequests } from '../../support/lab-request-mock';
import {
  formatDuration,
  isFinished,
  runDuration,
  RunsModel
} from '../../../src/lab/sidebar/runs-model';

jest.mock('../../../src/lab/api/request', () =>
  require('../../support/lab-request-mock').requestModule()
);

const { request, post } = labRequests();

function run(
  id: string,
  status: RunStatus,
  extra: Partial<IRunRecord> = {}
): IRunRecord {
  return {
    id,
    status,
    target: 'local',
    notebook: 'examples/fan-out.ipynb',
    pipeline: 'digits-fan-out',
    createdAt: `2026-11-22T14:00:0${id.slice(-1)}.000Z`,
    startedAt: `2026-11-22T14:00:0${id.slice(-1)}.000Z`,
    finishedAt: null,
    params: {},
    links: [],
    steps: [],
    ...extra
  };
}

/** The server as the mocks play it: a table of records by id. */
function serve(records: Record<string, IRunRecord>) {
  request.mockImplementation(async (endPoint = '') => {
    if (endPoint.startsWith('runs?notebook=')) {
      return Object.values(records) as never;
    }
    const id = decodeURIComponent(endPoint.split('/')[1]);
    return records[id] as never;
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

beforeEach(() => {
  jest.useFakeTimers();
  request.mockReset();
  post.mockReset();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('runs list', () => {
  it('lists the notebook runs newest first, asking the server for that notebook only', async () => {
    serve({ r1: run('r1', 'Succeeded'), r2: run('r2', 'Failed') });
    const model = new RunsModel();
    model.active = true;
    await model.setNotebook('examples/fan-out.ipynb');
    expect(request).toHaveBeenCalledWith(
      'runs?notebook=examples%2Ffan-out.ipynb'
    );
    expect(model.runs.map(r => r.id)).toEqual(['r2', 'r1']);
    expect(model.polling).toBe(false);
  });

  it('polls running runs every second until they finish, then stops', async () => {
    const records = { r1: run('r1', 'Running') };
    serve(records);
    const model = new RunsModel({ pollMs: 1000 });
    model.active = true;
    await model.setNotebook('examples/fan-out.ipynb');
    expect(model.polling).toBe(true);

    jest.advanceTimersByTime(1000);
    await settle();
    expect(request).toHaveBeenLastCalledWith('runs/r1');
    expect(model.runs[0].status).toBe('Running');

    records.r1 = run('r1', 'Succeeded', {
      finishedAt: '2026-11-22T14:00:09.000Z'
    });
    jest.advanceTimersByTime(1000);
    await settle();
    expect(model.runs[0].status).toBe('Succeeded');
    expect(model.polling).toBe(false);
    const calls = request.mock.calls.length;
    jest.advanceTimersByTime(5000);
    await settle();
    expect(request.mock.calls.length).toBe(calls);
  });

  it('stops polling while the panel is hidden and resumes when shown', async () => {
    serve({ r1: run('r1', 'Running') });
    const model = new RunsModel();
    model.active = true;
    await model.setNotebook('examples/fan-out.ipynb');
    model.active = false;
    expect(model.polling).toBe(false);
    const calls = request.mock.calls.length;
    jest.advanceTimersByTime(3000);
    await settle();
    expect(request.mock.calls.length).toBe(calls);
    model.active = true;
    await settle();
    expect(model.polling).toBe(true);
  });

  it('lists a started run at once and polls it', async () => {
    serve({});
    const model = new RunsModel();
    model.active = true;
    await model.setNotebook('examples/fan-out.ipynb');
    post.mockResolvedValueOnce(run('r3', 'Pending', { startedAt: null }));
    await model.start({
      path: 'examples/fan-out.ipynb',
      target: 'local',
      params: {}
    });
    expect(post).toHaveBeenCalledWith('runs', {
      path: 'examples/fan-out.ipynb',
      target: 'local',
      params: {}
    });
    expect(model.runs.map(r => [r.id, r.status])).toEqual([['r3', 'Pending']]);
    expect(model.polling).toBe(true);
  });

  it('cancels through runs/ID/cancel and shows the Cancelled record', async () => {
    serve({ r1: run('r1', 'Running') });
    const model = new RunsModel();
    model.active = true;
    await model.setNotebook('examples/fan-out.ipynb');
    post.mockResolvedValueOnce(run('r1', 'Cancelled'));
    await model.cancel('r1');
    expect(post).toHaveBeenCalledWith('runs/r1/cancel', {});
    expect(model.runs[0].status).toBe('Cancelled');
  });

  it('ignores a late answer about the notebook the user left', async () => {
    let answer: (runs: IRunRecord[]) => void = () => undefined;
    request.mockImplementationOnce(
      () => new Promise(resolve => (answer = resolve as never))
    );
    const model = new RunsModel();
    model.active = true;
    const first = model.setNotebook('a.ipynb');
    request.mockResolvedValueOnce([] as never);
    await model.setNotebook('b.ipynb');
    answer([run('r1', 'Running', { notebook: 'a.ipynb' })]);
    await first;
    expect(model.notebook).toBe('b.ipynb');
    expect(model.runs).toEqual([]);
  });

  it('keeps the server error for the view instead of throwing', async () => {
    request.mockRejectedValueOnce(new Error('cannot reach the Jupyter server'));
    const model = new RunsModel();
    model.active = true;
    await model.setNotebook('examples/fan-out.ipynb');
    expect(model.error).toBe('cannot reach the Jupyter server');
  });
});

describe('run durations', () => {
  it.each([
    ['Pending', false],
    ['Running', false],
    ['Succeeded', true],
    ['Failed', true],
    ['Skipped', true],
    ['Cancelled', true]
  ] as [RunStatus, boolean][])('%s finished: %s', (status, finished) => {
    expect(isFinished(status)).toBe(finished);
  });

  it('counts to the finish, or to now while running, and not before the start', () => {
    const now = Date.parse('2026-11-22T14:01:00.000Z');
    expect(
      runDuration(
        run('r1', 'Succeeded', { finishedAt: '2026-11-22T14:00:04.500Z' }),
        now
      )
    ).toBe(3500);
    expect(runDuration(run('r1', 'Running'), now)).toBe(59000);
    expect(
      runDuration(run('r1', 'Pending', { startedAt: null }), now)
    ).toBeNull();
  });

  it.each([
    [400, '0.4 s'],
    [12_400, '12 s'],
    [185_000, '3 min 05 s'],
    [7_440_000, '2 h 04 min']
  ])('%d ms reads %s', (millis, text) => {
    expect(formatDuration(millis)).toBe(text);
  });
});
