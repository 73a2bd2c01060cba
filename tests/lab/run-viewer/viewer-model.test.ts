import {
  IRunRecord,
  IStepRecord,
  RunStatus
} from '../../../src/core/runs/record';
import { labRequests } from '../../support/lab-request-mock';
import { stepRecord } from '../../support/step-record';
import {
  defaultStep,
  formatMetric,
  fullMetric,
  durationSeconds,
  formatDuration,
  notebookOutsideRoot,
  notebookReachable,
  RunViewerModel
} from '../../../src/lab/run-viewer/viewer-model';
import { parseParamValue } from '../../../src/lab/run-viewer/params';
import { LOG_KEEP_CHARS } from '../../../src/lab/run-viewer/log-tail';

jest.mock('../../../src/lab/api/request', () =>
  require('../../support/lab-request-mock').requestModule()
);

const { request, post } = labRequests();

const step = stepRecord;

function record(status: RunStatus, steps: IStepRecord[]): IRunRecord {
  return {
    id: 'r1',
    status,
    target: 'local',
    notebook: 'examples/fan-out.ipynb',
    pipeline: 'digits-fan-out',
    createdAt: '2026-11-22T14:00:00.000Z',
    startedAt: '2026-11-22T14:00:00.000Z',
    finishedAt: null,
    params: { lr: 0.5, name: 'a', flag: true },
    links: [],
    steps
  };
}

/** The server: the record and the log file's text, as the mocks answer them. */
function serve(
  state: { record: IRunRecord; logs: Record<string, string> },
  chunkChars = Infinity
) {
  const reads: string[] = [];
  request.mockImplementation(async (endPoint?: string) => {
    reads.push(endPoint ?? '');
    const log = /^runs\/r1\/steps\/([^/]+)\/log\?offset=(\d+)$/.exec(
      endPoint ?? ''
    );
    if (log) {
      const text = state.logs[log[1]] ?? '';
      const offset = Number(log[2]);
      const finished = !['Pending', 'Running'].includes(
        state.record.steps.find(s => s.name === log[1])?.status ?? 'Pending'
      );
      // As the server does: at most one chunk at a time, complete once all of it is read.
      const end = Math.min(text.length, offset + chunkChars);
      return {
        text: text.slice(offset, end),
        offset: end,
        complete: finished && end >= text.length
      };
    }
    if (endPoint === 'runs/r1') {
      return state.record;
    }
    throw new Error(`unexpected ${endPoint}`);
  });
  return reads;
}

beforeEach(() => {
  request.mockReset();
  post.mockReset();
});

describe('the run viewer model', () => {
  it('shows the failed step first, else the running one, else the first', () => {
    expect(
      defaultStep(
        record('Failed', [step('a', 'Succeeded'), step('b', 'Failed')])
      )
    ).toBe('b');
    expect(
      defaultStep(
        record('Running', [step('a', 'Succeeded'), step('b', 'Running')])
      )
    ).toBe('b');
    expect(defaultStep(record('Pending', [step('a', 'Pending')]))).toBe('a');
  });

  it('stays on the followed step when it is cancelled or succeeds, rather than jump to the first', async () => {
    expect(
      defaultStep(
        record('Cancelled', [step('a', 'Succeeded'), step('b', 'Cancelled')])
      )
    ).toBe('b');
    expect(
      defaultStep(
        record('Succeeded', [step('a', 'Succeeded'), step('b', 'Succeeded')]),
        'b'
      )
    ).toBe('b');
    const state = {
      record: record('Running', [step('a', 'Succeeded'), step('b', 'Running')]),
      logs: { a: 'a done\n', b: 'working\n' }
    };
    serve(state);
    const model = new RunViewerModel('r1');
    await model.refresh();
    expect(model.selected).toBe('b');
    state.record = record('Succeeded', [
      step('a', 'Succeeded'),
      step('b', 'Succeeded')
    ]);
    await model.refresh();
    expect(model.selected).toBe('b');
  });

  it('tails the selected step’s log from the offset it reached', async () => {
    const state = {
      record: record('Running', [step('a', 'Running')]),
      logs: { a: 'line 1\n' }
    };
    const reads = serve(state);
    const model = new RunViewerModel('r1');
    await model.refresh();
    expect(model.selected).toBe('a');
    expect(model.log).toBe('line 1\n');
    state.logs.a += 'line 2\n';
    await model.refresh();
    expect(model.log).toBe('line 1\nline 2\n');
    expect(reads.filter(r => r.includes('/log'))).toEqual([
      'runs/r1/steps/a/log?offset=0',
      'runs/r1/steps/a/log?offset=7'
    ]);
    state.record = record('Failed', [
      step('a', 'Failed', { message: 'exit code 1' })
    ]);
    state.logs.a += 'Traceback: fan-out.ipynb [cell 5], line 2\n';
    await model.refresh();
    expect(model.record?.status).toBe('Failed');
    expect(model.log).toContain('[cell 5]');
    // Until the user picks a step, the viewer follows the running, then the failed one.
    state.record = record('Failed', [
      step('a', 'Failed'),
      step('b', 'Skipped')
    ]);
    const before = reads.length;
    await model.refresh();
    // The log is complete: only the record is read again.
    expect(reads.slice(before)).toEqual(['runs/r1']);
  });

  it('shows an Argo step’s log as the server reads it from the pods; a KFP run’s stays in its UI', async () => {
    const state = {
      record: { ...record('Running', [step('a', 'Running')]), target: 'argo' },
      logs: { a: 'from the pod\n' }
    } as { record: IRunRecord; logs: Record<string, string> };
    const reads = serve(state);
    const model = new RunViewerModel('r1');
    await model.refresh();
    expect(model.log).toBe('from the pod\n');
    state.record = { ...state.record, target: 'kfp' };
    const kfp = new RunViewerModel('r1');
    const before = reads.length;
    await kfp.refresh();
    expect(reads.slice(before)).toEqual(['runs/r1']);
  });

  it('reads a long finished log chunk after chunk in one refresh, shown once, and keeps its end', async () => {
    const line = (i: number) =>
      `epoch ${String(i).padStart(7, '0')}: loss=0.1\n`;
    const lines = Array.from({ length: 200_000 }, (_, i) => line(i));
    const whole = lines.join('');
    expect(whole.length).toBeGreaterThan(LOG_KEEP_CHARS);
    const state = {
      record: record('Succeeded', [step('train', 'Succeeded')]),
      logs: { train: whole }
    };
    const reads = serve(state, 1024 * 1024);
    const model = new RunViewerModel('r1');
    let shown = 0;
    model.changed.connect(() => shown++);
    await model.refresh();
    const logReads = reads.filter(r => r.includes('/log'));
    expect(logReads).toHaveLength(Math.ceil(whole.length / (1024 * 1024)));
    // The record once, the whole log once: not one render per chunk.
    expect(shown).toBe(2);
    expect(model.logState).toEqual({
      offset: whole.length,
      complete: true,
      trimmed: true
    });
    // The end, from the start of a line.
    expect(model.log.length).toBeLessThanOrEqual(LOG_KEEP_CHARS);
    expect(model.log.endsWith(line(199_999))).toBe(true);
    expect(model.log.startsWith('epoch ')).toBe(true);
    // Done: nothing more is read.
    const before = reads.length;
    await model.refresh();
    expect(reads.slice(before)).toEqual(['runs/r1']);
  });

  it('reads a running step’s log once a poll when it is not behind', async () => {
    const state = {
      record: record('Running', [step('a', 'Running')]),
      logs: { a: 'x'.repeat(1000) }
    };
    const reads = serve(state, 1024 * 1024);
    const model = new RunViewerModel('r1');
    await model.refresh();
    await model.refresh();
    expect(reads.filter(r => r.includes('/log'))).toEqual([
      'runs/r1/steps/a/log?offset=0',
      'runs/r1/steps/a/log?offset=1000'
    ]);
    expect(model.logState).toEqual({
      offset: 1000,
      complete: false,
      trimmed: false
    });
  });

  it('stops polling once the run and the shown log are finished', async () => {
    jest.useFakeTimers();
    try {
      const state = {
        record: record('Succeeded', [step('a', 'Succeeded')]),
        logs: { a: 'done\n' }
      };
      const reads = serve(state);
      const model = new RunViewerModel('r1');
      model.start(1000);
      await jest.advanceTimersByTimeAsync(5000);
      expect(reads.filter(r => r === 'runs/r1')).toHaveLength(1);
      model.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('follows the running and then the failed step until the user picks one', async () => {
    const state = {
      record: record('Running', [step('a', 'Running'), step('b', 'Pending')]),
      logs: { a: 'a\n', b: 'b\n' }
    };
    serve(state);
    const model = new RunViewerModel('r1');
    await model.refresh();
    expect(model.selected).toBe('a');
    state.record = record('Running', [
      step('a', 'Succeeded'),
      step('b', 'Running')
    ]);
    await model.refresh();
    expect(model.selected).toBe('b');
    model.select('a');
    state.record = record('Failed', [
      step('a', 'Succeeded'),
      step('b', 'Failed')
    ]);
    await model.refresh();
    expect(model.selected).toBe('a');
  });

  it('stops polling a run the server does not have, and says so', async () => {
    jest.useFakeTimers();
    try {
      request.mockRejectedValue(
        Object.assign(new Error("no run 'r1'"), { status: 404 })
      );
      const model = new RunViewerModel('r1');
      model.start(1000);
      await jest.advanceTimersByTimeAsync(5000);
      expect(request).toHaveBeenCalledTimes(1);
      expect(model.error).toBe("no run 'r1'");
      model.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps polling through other failures, such as a server restarting', async () => {
    jest.useFakeTimers();
    try {
      request.mockRejectedValue(
        Object.assign(new Error('engine not ready'), { status: 503 })
      );
      const model = new RunViewerModel('r1');
      model.start(1000);
      await jest.advanceTimersByTimeAsync(3500);
      expect(request.mock.calls.length).toBeGreaterThanOrEqual(3);
      model.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says why the record cannot be read', async () => {
    request.mockRejectedValue(new Error("no run 'r1'"));
    const model = new RunViewerModel('r1');
    await model.refresh();
    expect(model.error).toBe("no run 'r1'");
  });

  it('reruns the same notebook and target with the edited parameters', async () => {
    serve({ record: record('Succeeded', [step('a', 'Succeeded')]), logs: {} });
    post.mockResolvedValue(record('Pending', []));
    const model = new RunViewerModel('r1');
    await model.refresh();
    await model.rerun({ lr: 0.1, name: 'b', flag: false });
    expect(post).toHaveBeenCalledWith('runs', {
      path: 'examples/fan-out.ipynb',
      target: 'local',
      params: { lr: 0.1, name: 'b', flag: false }
    });
  });

  it('reruns the notebook where it is now, when it was renamed since the viewer read the run', async () => {
    const state = {
      record: record('Succeeded', [step('a', 'Succeeded')]),
      logs: {}
    };
    serve(state);
    post.mockResolvedValue(record('Pending', []));
    const model = new RunViewerModel('r1');
    await model.refresh();
    // Renamed in JupyterLab: the server now presents the run under the new path.
    state.record = { ...state.record, notebook: 'examples/renamed.ipynb' };
    await model.rerun({});
    expect(post).toHaveBeenCalledWith('runs', {
      path: 'examples/renamed.ipynb',
      target: 'local',
      params: {}
    });
    expect(model.record?.notebook).toBe('examples/renamed.ipynb');
  });

  it('refuses to rerun a run whose notebook was deleted since: one now at its path is another', async () => {
    const state = {
      record: record('Succeeded', [step('a', 'Succeeded')]),
      logs: {}
    };
    serve(state);
    const saved: string[] = [];
    const model = new RunViewerModel('r1', async path => {
      saved.push(path);
      return true;
    });
    await model.refresh();
    // Deleted in JupyterLab (and maybe a new notebook made there) after the viewer read it.
    state.record = { ...state.record, notebookDeleted: true };
    await expect(model.rerun({})).rejects.toThrow(
      'examples/fan-out.ipynb was deleted after this run: there is nothing to rerun'
    );
    expect(post.mock.calls.filter(call => call[0] === 'runs')).toEqual([]);
    expect(saved).toEqual([]);
    expect(model.record?.notebookDeleted).toBe(true);
  });

  it('refuses to rerun a run of a notebook outside the folder JupyterLab serves, and reads nothing from it', async () => {
    // `cellpipe run /elsewhere/nb.ipynb`: the server names it by its absolute path.
    serve({
      record: {
        ...record('Failed', [step('a', 'Failed')]),
        notebook: '/elsewhere/nb.ipynb'
      },
      logs: {}
    });
    const model = new RunViewerModel('r1', async () => true);
    await model.refresh();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(notebookOutsideRoot(model.record!)).toBe(true);
    expect(notebookReachable(model.record!)).toBe(false);
    await expect(model.rerun({})).rejects.toThrow(
      '/elsewhere/nb.ipynb is outside the folder JupyterLab serves: rerun it with cellpipe run'
    );
    expect(post).not.toHaveBeenCalled();
    expect(
      notebookOutsideRoot({ ...model.record!, notebook: 'examples/a.ipynb' })
    ).toBe(false);
    expect(
      notebookOutsideRoot({ ...model.record!, notebook: 'C:\\runs\\a.ipynb' })
    ).toBe(true);
  });

  it('saves the notebook first when it is open with unsaved changes, as Compile and run does', async () => {
    serve({ record: record('Succeeded', [step('a', 'Succeeded')]), logs: {} });
    const order: string[] = [];
    post.mockImplementation(async (endPoint?: string) => {
      if (endPoint === 'runs') {
        order.push('run');
      }
      return record('Pending', []);
    });
    const model = new RunViewerModel('r1', async path => {
      order.push(`save ${path}`);
      return true;
    });
    await model.refresh();
    expect(
      await model.rerun({ lr: 0.1, name: 'b', flag: false })
    ).toMatchObject({
      saved: true
    });
    expect(order).toEqual(['save examples/fan-out.ipynb', 'run']);
  });
});

describe("the rerun form's parameter types", () => {
  it("are the notebook's, read once with the run", async () => {
    serve({ record: record('Succeeded', [step('a', 'Succeeded')]), logs: {} });
    post.mockImplementation(async (endPoint?: string) =>
      endPoint === 'analyze'
        ? {
            parameters: [
              { name: 'secs', type: 'int', default: 1 },
              { name: 'ratio', type: 'float', default: 1.0 }
            ]
          }
        : record('Pending', [])
    );
    const model = new RunViewerModel('r1');
    await model.refresh();
    await model.refresh();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(model.parameterType('secs')).toBe('int');
    expect(model.parameterType('ratio')).toBe('float');
    expect(model.parameterType('other')).toBeUndefined();
    expect(post.mock.calls.filter(call => call[0] === 'analyze')).toEqual([
      ['analyze', { path: 'examples/fan-out.ipynb', overrides: undefined }]
    ]);
  });

  it("are not read from a notebook made at a deleted one's path", async () => {
    serve({
      record: {
        ...record('Succeeded', [step('a', 'Succeeded')]),
        notebookDeleted: true
      },
      logs: {}
    });
    const model = new RunViewerModel('r1');
    await model.refresh();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(post).not.toHaveBeenCalled();
    expect(model.parameterType('lr')).toBeUndefined();
  });
});

describe('parameters typed back from the rerun form', () => {
  it('keeps the type the run used', () => {
    expect(parseParamValue('0.25', 0.5)).toBe(0.25);
    expect(parseParamValue('False', true)).toBe(false);
    expect(parseParamValue(' 7 ', 3)).toBe(7);
    expect(parseParamValue('any text', 'a')).toBe('any text');
  });

  it('refuses what is not of that type', () => {
    expect(() => parseParamValue('abc', 1)).toThrow('"abc" is not a number');
    expect(() => parseParamValue('', 1)).toThrow('is not a number');
    expect(() => parseParamValue('yes', true)).toThrow('is not true or false');
  });
});

describe('durations', () => {
  it('are measured to now while running, and shown readably', () => {
    expect(durationSeconds(null, null)).toBeNull();
    expect(
      durationSeconds('2026-11-22T14:00:00Z', '2026-11-22T14:00:02.5Z')
    ).toBe(2.5);
    expect(
      durationSeconds(
        '2026-11-22T14:00:00Z',
        null,
        Date.parse('2026-11-22T14:01:00Z')
      )
    ).toBe(60);
    expect(formatDuration(2.5)).toBe('2.5 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(119.6)).toBe('2 min 00 s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 02 min');
    expect(formatDuration(null)).toBe('–');
  });
});

describe('formatMetric', () => {
  it('keeps 4 decimals of a number of 1 or more, and 4 significant digits of a smaller one', () => {
    expect(
      [0.977777, 12.345678, 1e-7, -0.000123456, 0.5, 3, 1234567.891].map(
        formatMetric
      )
    ).toEqual([
      '0.9778',
      '12.3457',
      '1e-7',
      '-0.0001235',
      '0.5',
      '3',
      '1234567.891'
    ]);
    expect([true, 'ok', NaN].map(formatMetric)).toEqual(['true', 'ok', 'NaN']);
  });
});

describe('fullMetric', () => {
  it('gives the whole value where the table shortens it, for the tooltip', () => {
    expect([0.985152, 1e-7, 0.5, 124, 'ok'].map(fullMetric)).toEqual([
      '0.985152',
      undefined,
      undefined,
      undefined,
      undefined
    ]);
  });
});
