/**
 * One attempt of one step: the step script as a Python process in its own process group (spawned,
 * or forked by the run's warm interpreter), stdout and stderr appended straight to the step's log
 * file (so the log streams live), with an optional timeout. Ending the attempt (timeout or
 * cancel) ends the whole process tree; so does the step's own end, for children it left behind.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  endProcessTree,
  killTreeNow,
  processTree,
  TREE_MARKER
} from './process-tree';
import { IExit, ILaunched, WarmInterpreter } from './warm';

export interface IAttemptOptions {
  python: string;
  /** The script, then its arguments. */
  args: string[];
  cwd: string;
  log: string;
  env?: NodeJS.ProcessEnv;
  timeoutSeconds?: number;
  /** Fork from this warm interpreter instead of spawning a new Python, while it is usable. */
  warm?: WarmInterpreter;
  /** Called with the process group id once the process runs. */
  onStart?: (pgid: number) => void;
}

export interface IAttemptResult extends IExit {
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not be started at all. */
  spawnError?: string;
}

function spawnStep(
  options: IAttemptOptions,
  marker: string
): Promise<ILaunched> {
  const log = openSync(options.log, 'a');
  return new Promise<ILaunched>((resolve, reject) => {
    const child = spawn(options.python, options.args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...(options.env ?? process.env),
        PYTHONUNBUFFERED: '1',
        [TREE_MARKER]: marker
      }
    });
    closeSync(log);
    const exited = new Promise<IExit>(done =>
      child.once('exit', (exitCode, signal) => done({ exitCode, signal }))
    );
    child.once('error', reject);
    child.once('spawn', () => resolve({ pid: child.pid!, exited }));
  });
}

/** A note in the step's log; a log that cannot be written (a full disk) must not crash the run. */
function appendToLog(log: string, text: string): void {
  try {
    appendFileSync(log, text);
  } catch {
    // The run records the failure itself.
  }
}

export class StepAttempt {
  private pgid: number | undefined;
  private ending: Promise<void> | undefined;
  private cancelled = false;
  private timedOut = false;
  /** Inherited by every process the step starts, so none can leave the tree unseen. */
  private readonly marker = randomBytes(12).toString('hex');

  constructor(private readonly options: IAttemptOptions) {}

  get processGroup(): number | undefined {
    return this.pgid;
  }

  async run(): Promise<IAttemptResult> {
    const { options } = this;
    mkdirSync(dirname(options.log), { recursive: true });
    let launched: ILaunched;
    try {
      launched =
        options.warm?.usable === true
          ? await options.warm
              .launch(options.args, options.cwd, options.log, {
                [TREE_MARKER]: this.marker
              })
              .catch(error =>
                this.cancelled
                  ? Promise.reject(error)
                  : spawnStep(options, this.marker)
              )
          : await spawnStep(options, this.marker);
    } catch (error) {
      const message = (error as Error).message;
      appendToLog(
        options.log,
        `cellpipe: cannot start ${options.python}: ${message}\n`
      );
      return {
        exitCode: null,
        signal: null,
        timedOut: false,
        cancelled: this.cancelled,
        spawnError: message
      };
    }
    this.pgid = launched.pid;
    options.onStart?.(launched.pid);
    if (this.cancelled) {
      void this.end();
    }
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutSeconds !== undefined && options.timeoutSeconds > 0) {
      timer = setTimeout(() => {
        this.timedOut = true;
        appendToLog(
          options.log,
          `\ncellpipe: the step ran past its timeout of ${options.timeoutSeconds} s; ending it\n`
        );
        void this.end();
      }, options.timeoutSeconds * 1000);
    }
    const exit = await launched.exited;
    clearTimeout(timer);
    // Children the step left running end with it: in its group, below it, or carrying its
    // marker (a child that left the session and lost its parent).
    if (processTree(launched.pid, this.marker).length) {
      await endProcessTree(launched.pid, 1000, this.marker);
    }
    await this.ending;
    return { ...exit, timedOut: this.timedOut, cancelled: this.cancelled };
  }

  /** Ends the attempt's process tree (SIGTERM, then SIGKILL after a grace period). */
  end(): Promise<void> {
    if (this.pgid === undefined) {
      return Promise.resolve();
    }
    this.ending ??= endProcessTree(this.pgid, undefined, this.marker);
    return this.ending;
  }

  /** The runner's synchronous last resort: SIGKILL to the whole tree now. */
  killNow(): void {
    if (this.pgid !== undefined) {
      killTreeNow(this.pgid, this.marker);
    }
  }

  cancel(): Promise<void> {
    this.cancelled = true;
    return this.end();
  }
}
