/**
 * A warm interpreter for one run: a Python process that has already imported the modules of the
 * notebook's `imports` cells and forks a child per step (see warm-python.ts). A step then starts
 * without paying for Python's start-up and its heavy imports again, which is most of a small
 * step's time. The child runs the same step script with the same arguments, in its own session,
 * so timeouts and cancel end its process tree exactly as for a spawned process.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WARM_PYTHON } from './warm-python';

export interface IExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export interface ILaunched {
  pid: number;
  exited: Promise<IExit>;
}

const SIGNAL_NAMES: Record<number, NodeJS.Signals> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  6: 'SIGABRT',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  15: 'SIGTERM'
};

interface IReply {
  id?: number;
  pid?: number;
  error?: string;
  ready?: boolean;
  exit?: number | null;
  signal?: number | null;
}

export class WarmInterpreter {
  private readonly process: ChildProcess;
  private nextId = 1;
  private readonly launches = new Map<number, (reply: IReply) => void>();
  private readonly exits = new Map<number, (exit: IExit) => void>();
  private alive = true;

  /** Starts the interpreter in `cwd`; its script and log live in the run directory `runDir`. */
  constructor(
    python: string,
    preload: string[],
    runDir: string,
    cwd: string,
    env: NodeJS.ProcessEnv = process.env
  ) {
    const script = join(runDir, 'warm.py');
    writeFileSync(script, WARM_PYTHON);
    const log = openSync(join(runDir, 'warm.log'), 'a');
    this.process = spawn(python, [script], {
      cwd,
      detached: true,
      stdio: ['pipe', 'pipe', log],
      env: { ...env, PYTHONUNBUFFERED: '1' }
    });
    closeSync(log);
    this.process.once('error', () =>
      this.fail('the warm interpreter could not start')
    );
    this.process.once('exit', () => this.fail('the warm interpreter ended'));
    this.process.stdin!.on('error', () =>
      this.fail('the warm interpreter closed its input')
    );
    createInterface({ input: this.process.stdout! }).on('line', line =>
      this.receive(line)
    );
    this.process.stdin!.write(JSON.stringify({ preload }) + '\n');
  }

  get usable(): boolean {
    return this.alive;
  }

  /**
   * Forks a child that runs `argv` (script first) in `cwd`, output appended to `log`, with `env`
   * added to its environment (and so to that of every process it starts).
   */
  launch(
    argv: string[],
    cwd: string,
    log: string,
    env: Record<string, string> = {}
  ): Promise<ILaunched> {
    if (!this.alive) {
      return Promise.reject(new Error('the warm interpreter is not running'));
    }
    const id = this.nextId++;
    return new Promise<ILaunched>((resolve, reject) => {
      this.launches.set(id, reply => {
        if (reply.pid === undefined) {
          reject(
            new Error(reply.error ?? 'the warm interpreter could not fork')
          );
          return;
        }
        const exited = new Promise<IExit>(done =>
          this.exits.set(reply.pid!, done)
        );
        resolve({ pid: reply.pid, exited });
      });
      this.process.stdin!.write(
        JSON.stringify({ id, argv, cwd, log, env }) + '\n'
      );
    });
  }

  /** Ends the interpreter now (its step children are separate sessions, ended by their attempts). */
  kill(): void {
    this.alive = false;
    this.process.kill('SIGKILL');
  }

  close(): void {
    this.alive = false;
    this.process.stdin?.end();
  }

  private receive(line: string): void {
    let reply: IReply;
    try {
      reply = JSON.parse(line) as IReply;
    } catch {
      return;
    }
    if (reply.id !== undefined) {
      this.launches.get(reply.id)?.(reply);
      this.launches.delete(reply.id);
    } else if (reply.pid !== undefined && 'exit' in reply) {
      const signal = reply.signal
        ? (SIGNAL_NAMES[reply.signal] ?? 'SIGTERM')
        : null;
      this.exits.get(reply.pid)?.({ exitCode: reply.exit ?? null, signal });
      this.exits.delete(reply.pid);
    }
  }

  /** The interpreter is gone: pending launches fail, running children count as killed. */
  private fail(reason: string): void {
    this.alive = false;
    for (const launch of this.launches.values()) {
      launch({ error: reason });
    }
    this.launches.clear();
    for (const exit of this.exits.values()) {
      exit({ exitCode: null, signal: 'SIGKILL' });
    }
    this.exits.clear();
  }
}
