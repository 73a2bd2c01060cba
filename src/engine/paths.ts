/**
 * Where cellpipe keeps its state on this machine: CELLPIPE_HOME (default `~/.cellpipe`),
 * with `runs/<id>/` (docs/internals.md, "Run store") and `cache/` (the local step cache).
 */
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';

/** `path` itself, or a path inside the folder `path`. */
export function isAtOrUnder(candidate: string, path: string): boolean {
  return (
    candidate === path ||
    candidate.startsWith(path.endsWith(sep) ? path : path + sep)
  );
}

export function cellpipeHome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CELLPIPE_HOME;
  return configured ? resolve(configured) : join(homedir(), '.cellpipe');
}

export function runsDir(home = cellpipeHome()): string {
  return join(home, 'runs');
}

export function cacheDir(home = cellpipeHome()): string {
  return join(home, 'cache');
}

/** The files of one run directory, as docs/internals.md lays them out. */
export class RunPaths {
  readonly dir: string;

  constructor(
    readonly id: string,
    home = cellpipeHome()
  ) {
    this.dir = join(runsDir(home), id);
  }

  get record(): string {
    return join(this.dir, 'run.json');
  }
  get notebook(): string {
    return join(this.dir, 'notebook.ipynb');
  }
  get params(): string {
    return join(this.dir, 'params.json');
  }
  get runnerPid(): string {
    return join(this.dir, 'runner.pid');
  }
  /** The runner's own stderr when it runs in the background. */
  get runnerLog(): string {
    return join(this.dir, 'runner.log');
  }
  /** Written by a cancel request, so a runner that has not started yet never runs a step. */
  get cancelRequest(): string {
    return join(this.dir, 'cancel-requested');
  }
  /**
   * Space set aside when the run is prepared and freed just before the final record is written,
   * so a run store that filled up during the run can still record how the run ended.
   */
  get spaceReserve(): string {
    return join(this.dir, 'space-reserve');
  }
  /** Process group ids of the running steps, so a stale run's steps can still be ended. */
  get stepProcesses(): string {
    return join(this.dir, 'processes.json');
  }
  script(step: string): string {
    return join(this.dir, 'scripts', `${step}.py`);
  }
  log(step: string): string {
    return join(this.dir, 'logs', `${step}.log`);
  }
  data(step: string, variable: string): string {
    return join(this.dir, 'data', step, variable);
  }
  /** The manifest the runtime writes last into a saved variable's folder: there once saved. */
  manifest(step: string, variable: string): string {
    return join(this.data(step, variable), 'cellpipe.json');
  }
  metrics(step: string): string {
    return join(this.dir, 'metrics', `${step}.json`);
  }
  /** What the step's code read, wrote and reached (written by the runtime's --observe). */
  observed(step: string): string {
    return join(this.dir, 'observed', `${step}.json`);
  }
}
