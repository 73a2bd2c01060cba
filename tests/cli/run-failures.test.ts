/**
 * Failure paths of `cellpipe run` through the real CLI: a raising step, an unserializable output,
 * a timeout, retries, Ctrl-C with nothing left behind, a missing interpreter, bad parameters.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';
import {
  cli,
  PYTHON,
  runJson,
  step,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';
import { IRunRecord } from '../../src/core/runs/record';

const work = () => mkdtempSync(join(tmpdir(), 'cellpipe-run-'));

/** True while `pid` runs (a zombie has ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('a step that raises', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'raises.ipynb', [
    { source: 'import math', tags: ['imports'] },
    { source: 'x = 1', tags: ['step:first'] },
    { source: 'y = x + 1\nraise ValueError("boom")\n', tags: ['step:broken'] },
    { source: 'z = y * 2', tags: ['step:after_broken'] },
    { source: 'w = math.sqrt(16)', tags: ['step:independent'] }
  ]);
  const home = tempHome();
  const { code, record } = runJson(home, [nb, '--jobs', '1']);

  it('fails the run, skips what is downstream, keeps independent branches', () => {
    expect(code).toBe(1);
    expect(record.status).toBe('Failed');
    expect(record.steps.map(s => [s.name, s.status])).toEqual([
      ['first', 'Succeeded'],
      ['broken', 'Failed'],
      ['after_broken', 'Skipped'],
      ['independent', 'Succeeded']
    ]);
    expect(step(record, 'broken').exitCode).toBe(1);
    // The runtime's last line says why: the step's message and the run's error carry it.
    expect(step(record, 'broken').message).toMatch(
      /^ValueError in raises\.ipynb \[cell 3\], line 2: boom \(exit code 1\); see \S+broken\.log$/
    );
    expect(record.error).toBe(
      "step 'broken' failed: ValueError in raises.ipynb [cell 3], line 2: boom (exit code 1)"
    );
    expect(step(record, 'after_broken').message).toMatch(
      /upstream step 'broken'/
    );
  });

  it("ends the failing step's log with the traceback at the notebook cell and line", () => {
    const log = readFileSync(step(record, 'broken').log!, 'utf8')
      .trimEnd()
      .split('\n');
    const tail = log.slice(-4).join('\n');
    expect(tail).toContain('raises.ipynb [cell 3]", line 2');
    expect(tail).toContain('ValueError: boom');
    expect(log[log.length - 1]).toMatch(
      /step 'broken' failed: ValueError in raises\.ipynb \[cell 3\], line 2/
    );
  });

  it('maps the traceback the same way when each step starts a fresh Python', () => {
    const cold = runJson(tempHome(), [nb, '--no-warm']);
    expect(cold.record.steps.map(s => s.status)).toEqual(
      record.steps.map(s => s.status)
    );
    const log = readFileSync(step(cold.record, 'broken').log!, 'utf8');
    expect(log).toContain('raises.ipynb [cell 3]", line 2');
    expect(log.trimEnd().split('\n').pop()).toMatch(
      /failed: ValueError in raises\.ipynb \[cell 3\], line 2/
    );
  });

  it('prints the traceback and a summary without --json', () => {
    const result = cli(home, ['run', nb]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ValueError: boom');
    expect(result.stdout).toMatch(/: Failed in /);
    expect(result.stdout).not.toMatch(/at .*\.js:\d+/);
  });
});

it('an output that cannot be saved fails with a message naming the variable', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'unsaveable.ipynb', [
    // A lock made through a name bound to the maker, which the analysis cannot tell (it refuses
    // threading.Lock(), and Lock() after 'from threading import Lock').
    { source: 'import threading', tags: ['imports'] },
    {
      source: 'make_lock = threading.Lock\nguard = make_lock()',
      tags: ['step:make']
    },
    { source: 'held = guard.locked()', tags: ['step:use'] }
  ]);
  const { code, record } = runJson(tempHome(), [nb]);
  expect(code).toBe(1);
  expect(record.steps.map(s => s.status)).toEqual(['Failed', 'Skipped']);
  // The step's message and the run's error say why, as they do for an exception in a cell.
  const why =
    "cannot save variable 'guard': cloudpickle: TypeError: cannot pickle '_thread.lock' object " +
    '(steps pass values to each other as files: pass what it is made from, a list for example, ' +
    'or make it in the step that reads it) (exit code 1)';
  expect(step(record, 'make').message).toBe(
    `${why}; see ${step(record, 'make').log}`
  );
  expect(record.error).toBe(`step 'make' failed: ${why}`);
});

it('a step past its timeout is ended and fails; a retry runs it again', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'slow.ipynb', [
    { source: 'import time', tags: ['imports'] },
    {
      source: 'time.sleep(120)\ndone = True',
      tags: ['step:slow', 'timeout:1', 'retry:1']
    }
  ]);
  const started = Date.now();
  const { code, record } = runJson(tempHome(), [nb]);
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(code).toBe(1);
  const slow = step(record, 'slow');
  expect(slow.status).toBe('Failed');
  expect(slow.attempts).toBe(2);
  expect(slow.message).toMatch(/timed out after 1 s/);
  expect(readFileSync(slow.log!, 'utf8')).toMatch(
    /ran past its timeout of 1 s/
  );
});

it('the run’s one line names every step that failed, the first with its reason', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'two-fail.ipynb', [
    { source: 'raise ValueError("first")', tags: ['step:one'] },
    { source: 'raise KeyError("second")', tags: ['step:two'] },
    { source: 'raise OSError("third")', tags: ['step:three'] }
  ]);
  const { code, record } = runJson(tempHome(), [nb, '--jobs', '3']);
  expect(code).toBe(1);
  expect(record.steps.map(s => s.status)).toEqual([
    'Failed',
    'Failed',
    'Failed'
  ]);
  // Which fails first depends on the scheduler: the line names that one with its reason.
  const line =
    /^step '(\w+)' failed: \w+Error in two-fail\.ipynb \[cell \d\], line 1: .+ \(exit code 1\); steps '(\w+)', '(\w+)' failed too \(see their logs\)$/.exec(
      record.error ?? ''
    );
  expect(line).not.toBeNull();
  expect(line!.slice(1).sort()).toEqual(['one', 'three', 'two']);
});

it('a step that ends the process before saving fails, naming what it did not save, run after run', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'exits.ipynb', [
    { source: 'import os\nx = 1\nos._exit(0)', tags: ['step:a'] },
    { source: 'print(x)', tags: ['step:b'] }
  ]);
  const home = tempHome();
  for (const attempt of [1, 2]) {
    const { code, record } = runJson(home, [nb]);
    expect({ attempt, code }).toEqual({ attempt, code: 1 });
    expect(record.steps.map(s => s.status)).toEqual(['Failed', 'Skipped']);
    expect(record.error).toBe(
      "step 'a' failed: the step ended (exit code 0) without saving 'x': " +
        'did a cell end the process (os._exit) before the step was done?'
    );
  }
});

it('retry:N reruns a failed step until it succeeds', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'flaky.ipynb', [
    { source: 'import os', tags: ['imports'] },
    {
      source:
        "if not os.path.exists('tried'):\n    open('tried', 'w').close()\n    raise RuntimeError('first attempt fails')\nvalue = 1",
      tags: ['step:flaky', 'retry:2']
    }
  ]);
  const { code, record } = runJson(tempHome(), [nb, '--workdir', dir]);
  expect(code).toBe(0);
  expect(step(record, 'flaky')).toMatchObject({
    status: 'Succeeded',
    attempts: 2
  });
  expect(existsSync(join(dir, 'tried'))).toBe(true);
});

describe('Ctrl-C', () => {
  it('ends every process of the step, even one that left its group, and the run is Cancelled', async () => {
    const dir = work();
    const home = tempHome();
    const pids = join(dir, 'pids.json');
    const nb = writeNotebook(dir, 'hang.ipynb', [
      { source: 'import json, os, subprocess, time', tags: ['imports'] },
      {
        source: [
          "child = subprocess.Popen(['sleep', '300'])",
          "escaped = subprocess.Popen(['sleep', '301'], start_new_session=True)",
          `json.dump([os.getpid(), child.pid, escaped.pid], open(${JSON.stringify(pids)}, 'w'))`,
          'time.sleep(300)',
          'done = 1'
        ].join('\n'),
        tags: ['step:hang']
      },
      { source: 'more = done + 1', tags: ['step:later'] }
    ]);
    const runner = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'cellpipe.js'), 'run', '--json', nb],
      {
        env: { ...process.env, CELLPIPE_HOME: home, CELLPIPE_PYTHON: PYTHON }
      }
    );
    let stdout = '';
    runner.stdout.on('data', chunk => (stdout += chunk));
    const exited = new Promise<number | null>(done =>
      runner.on('exit', code => done(code))
    );
    const deadline = Date.now() + 60_000;
    while (!existsSync(pids) && Date.now() < deadline) {
      await new Promise(done => setTimeout(done, 100));
    }
    await new Promise(done => setTimeout(done, 200));
    const started = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    expect(started.every(alive)).toBe(true);
    runner.kill('SIGINT');
    expect(await exited).toBe(130);
    const record = JSON.parse(stdout) as IRunRecord;
    expect(record.status).toBe('Cancelled');
    expect(record.steps.map(s => [s.name, s.status])).toEqual([
      ['hang', 'Cancelled'],
      ['later', 'Cancelled']
    ]);
    expect(started.filter(alive)).toEqual([]);
    const onDisk = JSON.parse(
      readFileSync(join(home, 'runs', record.id, 'run.json'), 'utf8')
    ) as IRunRecord;
    expect(onDisk.status).toBe('Cancelled');
  });
});

it.each([[[]], [['--no-warm']]])(
  'a module next to the notebook imports, even one that prints while imported (%j)',
  extra => {
    const dir = work();
    require('node:fs').writeFileSync(
      join(dir, 'helper_mod.py'),
      'import sys\nsys.stdout.write("no newline")\nsys.stdout.flush()\nFACTOR = 3\n'
    );
    const nb = writeNotebook(dir, 'local-module.ipynb', [
      { source: 'import helper_mod', tags: ['imports'] },
      { source: 'a = helper_mod.FACTOR', tags: ['step:one'] },
      { source: 'b = a * helper_mod.FACTOR', tags: ['step:two'] }
    ]);
    const home = tempHome();
    const { code, record } = runJson(home, [nb, ...extra]);
    expect(code).toBe(0);
    expect(record.steps.map(s => s.status)).toEqual(['Succeeded', 'Succeeded']);
    // Fresh processes import it per step; the warm interpreter imported it once, up front.
    const printedTo = extra.length
      ? step(record, 'two').log!
      : join(home, 'runs', record.id, 'warm.log');
    expect(readFileSync(printedTo, 'utf8')).toContain('no newline');
  }
);

it('Ctrl-C while the warm interpreter is still importing ends the run at once', async () => {
  const dir = work();
  const home = tempHome();
  require('node:fs').writeFileSync(
    join(dir, 'slow_import.py'),
    'import time\ntime.sleep(300)\n'
  );
  const nb = writeNotebook(dir, 'slow-import.ipynb', [
    { source: 'import slow_import', tags: ['imports'] },
    { source: 'a = 1', tags: ['step:one'] }
  ]);
  const runner = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'cellpipe.js'), 'run', '--json', nb],
    {
      env: { ...process.env, CELLPIPE_HOME: home, CELLPIPE_PYTHON: PYTHON }
    }
  );
  let stdout = '';
  runner.stdout.on('data', chunk => (stdout += chunk));
  let ended = false;
  const exited = new Promise<number | null>(done =>
    runner.on('exit', code => {
      ended = true;
      done(code);
    })
  );
  // Ctrl-C once the warm interpreter has started (its log exists), so the runner's signal
  // handlers are in place whatever the load; a fixed wait sent it too early on a busy machine
  // (the process died of the signal, exit code null).
  const runs = join(home, 'runs');
  const warmStarted = () =>
    existsSync(runs) &&
    readdirSync(runs).some(id => existsSync(join(runs, id, 'warm.log')));
  while (!ended && !warmStarted()) {
    await new Promise(done => setTimeout(done, 50));
  }
  expect(ended).toBe(false);
  runner.kill('SIGINT');
  // At once: the import sleeps 300 s, far past this test's timeout.
  expect(await exited).toBe(130);
  const record = JSON.parse(stdout) as IRunRecord;
  expect(record.status).toBe('Cancelled');
  expect(record.steps[0].status).toBe('Cancelled');
});

it('steps that run side by side get a share of the cores for their native thread pools', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'threads.ipynb', [
    { source: 'import os', tags: ['imports'] },
    { source: 'base = 1', tags: ['step:start'] },
    {
      source: "left = (base, os.environ.get('OPENBLAS_NUM_THREADS'))",
      tags: ['step:left']
    },
    {
      source: "right = (base, os.environ.get('OMP_NUM_THREADS'))",
      tags: ['step:right']
    },
    { source: 'print(left[1], right[1])', tags: ['step:show'] }
  ]);
  const { record } = runJson(tempHome(), [nb, '--jobs', '2'], {
    OPENBLAS_NUM_THREADS: undefined,
    OMP_NUM_THREADS: undefined
  });
  const expected = String(
    Math.max(1, Math.floor(require('node:os').cpus().length / 2))
  );
  expect(readFileSync(step(record, 'show').log!, 'utf8')).toContain(
    `${expected} ${expected}\n`
  );
});

describe('bad input fails before anything runs', () => {
  const dir = work();
  const nb = writeNotebook(dir, 'params.ipynb', [
    {
      source: 'rate = 0.5\nname = "x"\nflag = False\ncount = 3',
      tags: ['pipeline-parameters']
    },
    { source: 'out = rate * count', tags: ['step:compute'] }
  ]);

  it.each([
    [
      ['--python', '/no/such/python'],
      /the Python interpreter '\/no\/such\/python' \(from --python\) does not exist/
    ],
    [
      ['--param', 'nope=1'],
      /unknown parameter 'nope'; the notebook declares: rate, name, flag, count/
    ],
    [
      ['--param', 'count=2.5'],
      /bad value for parameter 'count' \(int\): "2.5" is not an integer/
    ],
    [['--param', 'flag=maybe'], /bad value for parameter 'flag' \(bool\)/],
    [['--param', 'rate'], /--param expects NAME=VALUE/],
    [['--jobs', '0'], /--jobs must be a whole number of at least 1/]
  ])('%j', (args, message) => {
    const home = tempHome();
    const result = cli(home, ['run', nb, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(
      existsSync(join(home, 'runs')) ? readdirSync(join(home, 'runs')) : []
    ).toEqual([]);
  });

  it('a relative --python path works although the steps run in the notebook folder', () => {
    const relative = require('node:path').relative(ROOT, PYTHON) as string;
    const result = cli(tempHome(), ['run', nb, '--python', relative, '--json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as IRunRecord).status).toBe('Succeeded');
  });

  it('a missing CELLPIPE_PYTHON is named as the source', () => {
    const result = cli(tempHome(), ['run', nb], {
      CELLPIPE_PYTHON: '/no/python3'
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /'\/no\/python3' \(from CELLPIPE_PYTHON\) does not exist; pass --python PATH/
    );
  });

  it('an analysis error names the notebook, cell and line', () => {
    const broken = writeNotebook(dir, 'broken.ipynb', [
      { source: 'a = 1\nb = (', tags: ['step:one'] }
    ]);
    const result = cli(tempHome(), ['run', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.ipynb, cell 1, line 2: /);
  });

  it('more than one analysis error: the first is named, and how many more there are', () => {
    const broken = writeNotebook(dir, 'params.ipynb', [
      { source: 'a = 10**3\nb = [1]\nc = None', tags: ['pipeline-parameters'] },
      { source: 'print(a, b, c)', tags: ['step:one'] }
    ]);
    const result = cli(tempHome(), ['run', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /params\.ipynb, cell 1, line 1: parameter 'a'/
    );
    expect(result.stderr).toContain(
      `(and 2 more errors: \`cellpipe analyze ${broken}\` lists them all)`
    );
  });
});
