/**
 * One attempt of one step: the step script as a Python subprocess in its own process group,
 * stdout and stderr appended straight to the step's log file (so the log streams live), with
 * an optional timeout. Ending the attempt (timeout or cancel) ends the whole process tree.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { endProcessTree, processTree, signalTree } from './process-tree';

export interface IAttemptOptions {
  python: string;
  args: string[];
  cwd: string;
  log: string;
  env?: NodeJS.ProcessEnv;
  timeoutSeconds?: number;
  /** Called with the process group id once the process runs. */
  onStart?: (pgid: number) => void;
}

export interface IAttemptResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  /** The process could not be started at all. */
  spawnError?: string;
}

export class StepAttempt {
  private pgid: number | undefined;
  private ending: Promise<void> | undefined;
  private cancelled = false;

  constructor(private readonly options: IAttemptOptions) {}

  get processGroup(): number | undefined {
    return this.pgid;
  }

  run(): Promise<IAttemptResult> {
    const { options } = this;
    mkdirSync(dirname(options.log), { recursive: true });
    const log = openSync(options.log, 'a');
    let timedOut = false;
    return new Promise<IAttemptResult>(resolve => {
      let timer: NodeJS.Timeout | undefined;
      const child = spawn(options.python, options.args, {
        cwd: options.cwd,
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: '1' }
      });
      closeSync(log);
      child.once('error', error => {
        clearTimeout(timer);
        appendFileSync(
          options.log,
          `cellpipe: cannot start ${options.python}: ${error.message}\n`
        );
        resolve({
          exitCode: null,
          signal: null,
          timedOut,
          cancelled: this.cancelled,
          spawnError: error.message
        });
      });
      if (child.pid === undefined) {
        return;
      }
      this.pgid = child.pid;
      options.onStart?.(child.pid);
      if (options.timeoutSeconds !== undefined && options.timeoutSeconds > 0) {
        timer = setTimeout(() => {
          timedOut = true;
          appendFileSync(
            options.log,
            `\ncellpipe: the step ran past its timeout of ${options.timeoutSeconds} s; ending it\n`
          );
          void this.end();
        }, options.timeoutSeconds * 1000);
      }
      child.once('exit', (exitCode, signal) => {
        clearTimeout(timer);
        const group = child.pid!;
        // Children the step left running in its group or tree end with it.
        const finish = () =>
          resolve({ exitCode, signal, timedOut, cancelled: this.cancelled });
        if (processTree(group).length) {
          signalTree(group, 'SIGTERM');
          void endProcessTree(group, 1000).then(finish);
        } else if (this.ending) {
          void this.ending.then(finish);
        } else {
          finish();
        }
      });
    });
  }

  /** Ends the attempt's process tree (SIGTERM, then SIGKILL after a grace period). */
  end(): Promise<void> {
    if (this.pgid === undefined) {
      return Promise.resolve();
    }
    this.ending ??= endProcessTree(this.pgid);
    return this.ending;
  }

  cancel(): Promise<void> {
    this.cancelled = true;
    return this.end();
  }
}
