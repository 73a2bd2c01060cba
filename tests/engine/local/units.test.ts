/** Unit tests of the local runner's parts that need no Python: scheduling, parameters, pruning, display. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { UserError } from '../../../src/core/errors';
import { IRunRecord, IStepRecord } from '../../../src/core/runs/record';
import { parameterReads } from '../../../src/engine/local/parameter-reads';
import { resolveParameters } from '../../../src/engine/local/params';
import { parseAge, selectForPrune } from '../../../src/engine/local/prune';
import { ProgressDisplay } from '../../../src/engine/local/progress';
import {
  ITask,
  schedule,
  TaskOutcome
} from '../../../src/engine/local/scheduler';
import { isRunId, newRunId } from '../../../src/engine/local/store';
import { makeIR, makeParameter } from '../../support/ir';

const tick = () => new Promise(done => setTimeout(done, 5));

describe('schedule', () => {
  async function trace(
    tasks: ITask[],
    jobs: number,
    outcomes: Record<string, TaskOutcome> = {}
  ) {
    const events: string[] = [];
    let running = 0;
    let peak = 0;
    await schedule(tasks, jobs, {
      async run(name) {
        running++;
        peak = Math.max(peak, running);
        events.push(`start ${name}`);
        await tick();
        running--;
        events.push(`end ${name}`);
        return outcomes[name] ?? 'Succeeded';
      },
      skip: (name, upstream) => events.push(`skip ${name} (${upstream})`),
      cancel: name => events.push(`cancel ${name}`),
      isCancelled: () => false
    });
    return { events, peak };
  }
  const fan: ITask[] = [
    { name: 'load', after: [] },
    ...['a', 'b', 'c', 'd'].map(name => ({ name, after: ['load'] })),
    { name: 'join', after: ['a', 'b', 'c', 'd'] }
  ];

  it.each([1, 2, 3, 8])(
    'never runs more than %i tasks at once, and each after its upstream',
    async jobs => {
      const { events, peak } = await trace(fan, jobs);
      expect(peak).toBe(Math.min(jobs, 4));
      expect(events.indexOf('start a')).toBeGreaterThan(
        events.indexOf('end load')
      );
      expect(events.indexOf('start join')).toBeGreaterThan(
        events.indexOf('end d')
      );
    }
  );

  it('skips everything downstream of a failure, transitively, and runs the rest', async () => {
    const tasks: ITask[] = [
      { name: 'a', after: [] },
      { name: 'b', after: ['a'] },
      { name: 'c', after: ['b'] },
      { name: 'd', after: [] }
    ];
    const { events } = await trace(tasks, 1, { a: 'Failed' });
    expect(events).toEqual([
      'start a',
      'end a',
      'skip b (a)',
      'skip c (b)',
      'start d',
      'end d'
    ]);
  });

  it('starts nothing after a cancel; waiting tasks are cancelled', async () => {
    let cancelled = false;
    const events: string[] = [];
    await schedule(fan, 2, {
      async run(name) {
        events.push(`run ${name}`);
        cancelled = true;
        return 'Cancelled';
      },
      skip: name => events.push(`skip ${name}`),
      cancel: name => events.push(`cancel ${name}`),
      isCancelled: () => cancelled
    });
    expect(events).toEqual([
      'run load',
      'cancel a',
      'cancel b',
      'cancel c',
      'cancel d',
      'cancel join'
    ]);
  });
});

describe('resolveParameters', () => {
  const ir = makeIR({
    parameters: [
      makeParameter('n', 'int', 3),
      makeParameter('lr', 'float', 0.1),
      makeParameter('on', 'bool', false),
      makeParameter('name', 'str', 'x')
    ]
  });

  it('converts each value to its declared type and keeps the raw text for the scripts', () => {
    expect(
      resolveParameters(ir, ['n=-4', 'lr=1e-3', 'on=TRUE', 'name= a=b '])
    ).toEqual({
      values: { n: -4, lr: 0.001, on: true, name: ' a=b ' },
      overrides: { n: '-4', lr: '1e-3', on: 'TRUE', name: ' a=b ' }
    });
    // grouped digits, as the step script's int() and float() take them
    expect(resolveParameters(ir, ['n=1_000', 'lr=0.000_1'])).toEqual({
      values: { n: 1000, lr: 0.0001, on: false, name: 'x' },
      overrides: { n: '1_000', lr: '0.000_1' }
    });
    expect(resolveParameters(ir, { lr: 2 }).values).toEqual({
      n: 3,
      lr: 2,
      on: false,
      name: 'x'
    });
  });

  it.each([
    ['n=1.5', /not an integer/],
    ['lr=0x10', /not a finite number/],
    ['lr=inf', /not a finite number/],
    ['on=yes', /true, false, 1 or 0/],
    ['on=constructor', /true, false, 1 or 0/],
    ['on=__proto__', /true, false, 1 or 0/],
    ['on=toString', /true, false, 1 or 0/],
    ['m=1', /unknown parameter 'm'; the notebook declares: n, lr, on, name/],
    ['=1', /NAME=VALUE/]
  ])('%s is a clear error', (text, message) => {
    expect(() => resolveParameters(ir, [text])).toThrow(UserError);
    expect(() => resolveParameters(ir, [text])).toThrow(message);
  });

  it('rejects a parameter given twice', () => {
    expect(() => resolveParameters(ir, ['n=1', 'n=2'])).toThrow(/given twice/);
  });
});

describe('parameterReads', () => {
  const cell = (source: string, tags: string[]) => ({
    cell_type: 'code',
    metadata: { tags },
    source,
    outputs: []
  });
  it('finds the parameters each step reads, directly or through a functions-cell function', () => {
    const ir = analyzeNotebook(
      {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          cell('import math\nbase = math.pi * scale', ['imports']),
          cell('def rate():\n    return lr * 2', ['functions']),
          cell('lr = 0.1\nscale = 2\nseed = 1\nunused = 0', [
            'pipeline-parameters'
          ]),
          cell('data = list(range(seed))', ['step:load']),
          cell('model = rate()', ['step:train']),
          cell('seed = 5\nfinal = (data, model, seed)', ['step:report'])
        ]
      },
      'p.ipynb'
    );
    expect(Object.fromEntries(parameterReads(ir))).toEqual({
      // `scale` is read by the imports cell, so every step depends on it.
      load: ['scale', 'seed'],
      train: ['lr', 'scale'],
      // report binds `seed` itself before reading it.
      report: ['scale']
    });
  });
});

describe('prune selection', () => {
  const record = (
    id: string,
    status: IRunRecord['status'],
    hoursAgo: number
  ): IRunRecord => ({
    id,
    status,
    target: 'local',
    notebook: 'n.ipynb',
    pipeline: 'n',
    createdAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
    startedAt: null,
    finishedAt: null,
    params: {},
    links: [],
    steps: []
  });
  const records = [
    record('20260101-000000-000001', 'Succeeded', 50),
    record('20260101-000000-000002', 'Failed', 30),
    record('20260101-000000-000003', 'Running', 20),
    record('20260101-000000-000004', 'Succeeded', 2),
    record('20260101-000000-000005', 'Cancelled', 1)
  ];
  const ids = (selection: Parameters<typeof selectForPrune>[1]) =>
    selectForPrune(records, selection).map(r => r.id.slice(-1));

  it.each([
    [{ keep: 2 }, ['1', '2']],
    [{ olderThanSeconds: parseAge('1d') }, ['1', '2']],
    [{ statuses: ['Failed', 'Cancelled'] }, ['2', '5']],
    [{ statuses: ['Succeeded'], keep: 1 }, ['1']],
    [{ keep: 0 }, ['1', '2', '4', '5']]
  ] as const)(
    '%j picks %j and never the running run',
    (selection, expected) => {
      expect(ids(selection as Parameters<typeof selectForPrune>[1])).toEqual(
        expected
      );
    }
  );

  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['1.5h', 5400],
    ['1h30m', 5400],
    [' 12h ', 43200],
    ['7d', 604800],
    ['2w', 1209600]
  ])('parseAge(%s) = %i s', (text, seconds) => {
    expect(parseAge(text)).toBe(seconds);
  });
});

describe('run ids', () => {
  it('have the documented shape and sort by creation time, to the millisecond', () => {
    const early = newRunId(new Date('2026-11-22T10:00:00.005Z'));
    const late = newRunId(new Date('2026-11-22T10:00:00.990Z'));
    expect(early).toMatch(/^20261122-100000-005[0-9a-f]{3}$/);
    expect(isRunId(early) && isRunId(late)).toBe(true);
    expect(early < late).toBe(true);
  });
});

describe('ProgressDisplay', () => {
  const stepRecord = (
    name: string,
    status: IStepRecord['status']
  ): IStepRecord => ({
    name,
    status,
    startedAt: status === 'Pending' ? null : '2026-01-01T00:00:00.000Z',
    finishedAt: status === 'Succeeded' ? '2026-01-01T00:00:01.500Z' : null,
    exitCode: null,
    log: null
  });
  const run = (steps: IStepRecord[]): IRunRecord => ({
    id: '20260101-000000-000001',
    status: 'Running',
    target: 'local',
    notebook: 'n.ipynb',
    pipeline: 'demo',
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    params: {},
    links: [],
    steps
  });
  function fakeStream(isTTY: boolean) {
    const written: string[] = [];
    const stream = {
      isTTY,
      columns: 80,
      write: (text: string) => written.push(text)
    };
    return { stream: stream as unknown as NodeJS.WriteStream, written };
  }

  it('prints one plain line per status change when not on a terminal', () => {
    const { stream, written } = fakeStream(false);
    const display = new ProgressDisplay(stream);
    display.update(
      run([stepRecord('load', 'Running'), stepRecord('fit', 'Pending')])
    );
    display.update(
      run([stepRecord('load', 'Running'), stepRecord('fit', 'Pending')])
    );
    display.update(
      run([stepRecord('load', 'Succeeded'), stepRecord('fit', 'Pending')])
    );
    display.finish();
    expect(written).toEqual([
      'cellpipe: step load: Running\n',
      'cellpipe: step load: Succeeded in 1.5s\n'
    ]);
  });

  it('redraws a table in place on a terminal', () => {
    const { stream, written } = fakeStream(true);
    const display = new ProgressDisplay(stream);
    display.update(
      run([stepRecord('load', 'Succeeded'), stepRecord('fit', 'Pending')])
    );
    display.update(
      run([stepRecord('load', 'Succeeded'), stepRecord('fit', 'Running')])
    );
    display.finish();
    expect(written[0]).toContain(
      'demo · run 20260101-000000-000001 · 1/2 steps · Running'
    );
    expect(written[0]).toMatch(/✓ load\s+Succeeded\s+1\.5s/);
    // Later frames move the cursor up over the 3 lines drawn before.
    expect(written[1].startsWith('\x1b[3F')).toBe(true);
    expect(written[1]).toMatch(/fit\s+Running/);
  });
});

describe('choosePython', () => {
  const { mkdtempSync, mkdirSync, writeFileSync } =
    require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { choosePython, probePython } =
    require('../../../src/engine/local/python') as typeof import('../../../src/engine/local/python');
  const jupyter = mkdtempSync(join(tmpdir(), 'cellpipe-kernels-'));
  mkdirSync(join(jupyter, 'kernels', 'project'), { recursive: true });
  writeFileSync(
    join(jupyter, 'kernels', 'project', 'kernel.json'),
    JSON.stringify({ argv: [process.execPath, '-m', 'ipykernel_launcher'] })
  );
  const env = { JUPYTER_PATH: jupyter, JUPYTER_DATA_DIR: jupyter };

  it.each([
    [
      '--python first',
      '/opt/py',
      { ...env, CELLPIPE_PYTHON: '/env/py' },
      'project',
      '/opt/py',
      '--python'
    ],
    [
      'then CELLPIPE_PYTHON',
      undefined,
      { ...env, CELLPIPE_PYTHON: '/env/py' },
      'project',
      '/env/py',
      'CELLPIPE_PYTHON'
    ],
    [
      "then the kernel's interpreter",
      undefined,
      env,
      'project',
      process.execPath,
      "the notebook's kernel 'project'"
    ],
    [
      'then python3',
      undefined,
      env,
      'unknown-kernel',
      'python3',
      "the default (python3 on PATH; the notebook's kernel 'unknown-kernel' is not installed)"
    ],
    [
      'an empty kernel name names none',
      undefined,
      env,
      '',
      'python3',
      'the default (python3 on PATH)'
    ],
    [
      'no kernel named: python3',
      undefined,
      env,
      undefined,
      'python3',
      'the default (python3 on PATH)'
    ]
  ])('%s', (_, flag, environment, kernel, command, source) => {
    expect(choosePython(flag, kernel, environment)).toEqual({
      command,
      source
    });
  });

  it("the console script's prefix is searched for a kernel named python, as Jupyter searches sys.prefix/share/jupyter", () => {
    // A venv that was never activated: ipykernel's kernel.json lies under its prefix only.
    const prefix = mkdtempSync(join(tmpdir(), 'cellpipe-prefix-'));
    mkdirSync(join(prefix, 'share', 'jupyter', 'kernels', 'python3'), {
      recursive: true
    });
    writeFileSync(
      join(prefix, 'share', 'jupyter', 'kernels', 'python3', 'kernel.json'),
      JSON.stringify({ argv: ['python', '-m', 'ipykernel_launcher'] })
    );
    const native = { ...env, CELLPIPE_NATIVE_PYTHON: '/venv/bin/python' };
    expect(choosePython(undefined, 'python3', native).command).toBe('python3');
    expect(
      choosePython(undefined, 'python3', {
        ...native,
        CELLPIPE_NATIVE_PREFIX: prefix
      })
    ).toEqual({
      command: '/venv/bin/python',
      source: "the notebook's kernel 'python3'"
    });
  });

  it("in the lab, a notebook kernel that is not installed runs on the server's default kernel, and says so", () => {
    const resolved = {
      kernels: { python3: '/venv/bin/python' },
      defaultKernel: 'python3'
    };
    expect(choosePython(undefined, 'py39-old', env, resolved)).toEqual({
      command: '/venv/bin/python',
      source:
        "the server's default kernel 'python3' (the notebook's kernel 'py39-old' is not installed)"
    });
    expect(choosePython(undefined, 'project', env, resolved)).toEqual({
      command: process.execPath,
      source: "the notebook's kernel 'project'"
    });
    expect(choosePython(undefined, 'python3', env, resolved)).toEqual({
      command: '/venv/bin/python',
      source: "the notebook's kernel 'python3'"
    });
  });

  it('a program that is not Python is a clear error', () => {
    expect(() =>
      probePython({ command: '/bin/false', source: '--python' })
    ).toThrow(/failed to start/);
  });
});

describe('thread limits under parallel steps', () => {
  const { threadsPerStep, widestLevel, withThreadLimits } =
    require('../../../src/engine/local/threads') as typeof import('../../../src/engine/local/threads');
  const chain = [
    { name: 'a', after: [] },
    { name: 'b', after: ['a'] },
    { name: 'c', after: ['b', 'a'] }
  ];
  const fan = [
    { name: 'split', after: [] },
    ...['m1', 'm2', 'm3'].map(name => ({ name, after: ['split'] })),
    { name: 'compare', after: ['m1', 'm2', 'm3'] }
  ];

  it.each([
    ['a chain never runs steps side by side', chain, 2, 2, undefined],
    ['a fan-out on 2 cores, 2 jobs: one thread each', fan, 2, 2, 1],
    ['a fan-out on 8 cores, 2 jobs', fan, 2, 8, 4],
    ['a fan-out on 8 cores, 8 jobs: 3 run at once', fan, 8, 8, 2],
    ['one job: no limit', fan, 1, 8, undefined]
  ])('%s', (_, steps, jobs, cores, expected) => {
    expect(threadsPerStep(steps, jobs, cores)).toBe(expected);
  });

  it('measures the widest level', () => {
    expect([widestLevel(chain), widestLevel(fan), widestLevel([])]).toEqual([
      1, 3, 0
    ]);
  });

  it('keeps the variables the user set', () => {
    expect(withThreadLimits({ OMP_NUM_THREADS: '3', HOME: '/h' }, 1)).toEqual({
      HOME: '/h',
      OMP_NUM_THREADS: '3',
      OPENBLAS_NUM_THREADS: '1',
      MKL_NUM_THREADS: '1',
      VECLIB_MAXIMUM_THREADS: '1',
      NUMEXPR_NUM_THREADS: '1'
    });
    const env = { HOME: '/h' };
    expect(withThreadLimits(env, undefined)).toBe(env);
  });
});
