/**
 * Runs a DAG of tasks with at most `jobs` at a time. Tasks start in list order as soon as every
 * task they come after has succeeded. A task whose upstream failed (or was skipped) is skipped,
 * while independent branches keep running. After a cancel no new task starts.
 */
export type TaskOutcome = 'Succeeded' | 'Failed' | 'Cancelled';

export interface ITask {
  name: string;
  after: string[];
}

export interface ISchedulerHooks {
  run(name: string): Promise<TaskOutcome>;
  /** `name` will not run because `upstream` did not succeed. */
  skip(name: string, upstream: string): void;
  /** `name` will not run because the run was cancelled. */
  cancel(name: string): void;
  isCancelled(): boolean;
}

type State = 'waiting' | 'running' | TaskOutcome | 'Skipped';

export async function schedule(
  tasks: ITask[],
  jobs: number,
  hooks: ISchedulerHooks
): Promise<void> {
  const state = new Map<string, State>(tasks.map(t => [t.name, 'waiting']));
  const running = new Map<string, Promise<void>>();
  const limit = Math.max(1, Math.floor(jobs));

  const settleBlocked = () => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const task of tasks) {
        if (state.get(task.name) !== 'waiting') {
          continue;
        }
        const blocker = task.after.find(name => {
          const upstream = state.get(name);
          return (
            upstream === 'Failed' ||
            upstream === 'Skipped' ||
            upstream === 'Cancelled'
          );
        });
        if (blocker !== undefined) {
          state.set(task.name, 'Skipped');
          hooks.skip(task.name, blocker);
          changed = true;
        }
      }
    }
  };

  for (;;) {
    if (hooks.isCancelled()) {
      for (const task of tasks) {
        if (state.get(task.name) === 'waiting') {
          state.set(task.name, 'Cancelled');
          hooks.cancel(task.name);
        }
      }
    }
    settleBlocked();
    for (const task of tasks) {
      if (running.size >= limit || hooks.isCancelled()) {
        break;
      }
      const ready =
        state.get(task.name) === 'waiting' &&
        task.after.every(
          name => state.get(name) === 'Succeeded' || !state.has(name)
        );
      if (!ready) {
        continue;
      }
      state.set(task.name, 'running');
      running.set(
        task.name,
        hooks.run(task.name).then(
          outcome => {
            state.set(task.name, outcome);
            running.delete(task.name);
          },
          () => {
            state.set(task.name, 'Failed');
            running.delete(task.name);
          }
        )
      );
    }
    if (!running.size) {
      return;
    }
    await Promise.race(running.values());
  }
}
