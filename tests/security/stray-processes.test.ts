/**
 * Issue 14, finding 12: a process a step started and that left the step's session (setsid, or a
 * double fork) must not survive the step, even when the step succeeds. Real runs through the
 * CLI, forked from the warm interpreter and spawned fresh; then /proc is searched for the
 * strays by their unique command line.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellpipe } from '../support/cli';
import { PYTHON } from '../support/python';
import { codeCell, notebookJson } from '../support/notebook-json';

/** Live (not zombie) processes whose command line holds `needle`. */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (cmdline.split('\0').includes(needle) && state !== 'Z') {
        found.push(Number(name));
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function notebook(setsidArg: string, daemonArg: string): object {
  const spawner = [
    'import os, subprocess',
    `subprocess.Popen(["setsid", "sleep", "${setsidArg}"])`,
    '# A classic daemon: fork, new session, fork again, the middle one exits.',
    'pid = os.fork()',
    'if pid == 0:',
    '    os.setsid()',
    '    if os.fork() == 0:',
    `        os.execvp("sleep", ["sleep", "${daemonArg}"])`,
    '    os._exit(0)',
    'os.waitpid(pid, 0)',
    'started = True'
  ].join('\n');
  return notebookJson([
    codeCell(spawner, ['step:spawn']),
    codeCell('done = started', ['step:after'])
  ]);
}

/** A daemon made in Python alone (double fork, no exec): it writes its pid, then sleeps. */
function pythonDaemonNotebook(pidFile: string): object {
  const spawner = [
    'import os, time',
    'pid = os.fork()',
    'if pid == 0:',
    '    os.setsid()',
    '    if os.fork() == 0:',
    // Written aside and renamed: the step waits for the file to exist, and an empty file
    // (opened, not yet written when the step ended and killed the daemon) read as pid 0.
    `        with open(${JSON.stringify(pidFile + '.tmp')}, "w") as f:`,
    '            f.write(str(os.getpid()))',
    `        os.replace(${JSON.stringify(pidFile + '.tmp')}, ${JSON.stringify(pidFile)})`,
    '        time.sleep(1000)',
    '        os._exit(0)',
    '    os._exit(0)',
    'os.waitpid(pid, 0)',
    'while not os.path.exists(' + JSON.stringify(pidFile) + '):',
    '    time.sleep(0.01)',
    'started = True'
  ].join('\n');
  return notebookJson([codeCell(spawner, ['step:spawn'])]);
}

function aliveNotZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('processes a step leaves behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-strays-'));
  const needles: string[] = [];

  afterAll(() => {
    // Whatever a failing run left must not outlive the test either.
    needles.flatMap(processesWith).forEach(pid => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['forked from the warm interpreter', []],
    ['spawned fresh (--no-warm)', ['--no-warm']]
  ])('end with a successful step %s', (_how, flags) => {
    const unique = randomInt(100000, 999999);
    const setsidArg = `1000.${unique}`;
    const daemonArg = `1001.${unique}`;
    needles.push(setsidArg, daemonArg);
    const path = join(dir, `strays-${unique}.ipynb`);
    writeFileSync(path, JSON.stringify(notebook(setsidArg, daemonArg)));
    const run = cellpipe(['run', path, '--python', PYTHON, ...flags], {
      env: { CELLPIPE_HOME: join(dir, 'home') }
    });
    expect(run.stderr).not.toMatch(/Failed/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Succeeded/);
    expect(processesWith(setsidArg)).toEqual([]);
    expect(processesWith(daemonArg)).toEqual([]);
  });

  it.each([
    ['forked from the warm interpreter', []],
    ['spawned fresh (--no-warm)', ['--no-warm']]
  ])(
    'end with a successful step %s when they never exec (a Python daemon)',
    (_how, flags) => {
      const unique = randomInt(100000, 999999);
      const pidFile = join(dir, `daemon-${unique}.pid`);
      const path = join(dir, `python-daemon-${unique}.ipynb`);
      writeFileSync(path, JSON.stringify(pythonDaemonNotebook(pidFile)));
      const run = cellpipe(['run', path, '--python', PYTHON, ...flags], {
        env: { CELLPIPE_HOME: join(dir, 'home') }
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Succeeded/);
      const daemon = Number(readFileSync(pidFile, 'utf8'));
      expect(daemon).toBeGreaterThan(1);
      const alive = aliveNotZombie(daemon);
      if (alive) {
        process.kill(daemon, 'SIGKILL');
      }
      expect(alive).toBe(false);
    }
  );
});
