/**
 * Executes a prepared run (plan.json): schedules the steps, runs each through the step cache or
 * as a subprocess with retries and a timeout, and rewrites run.json on every status change.
 * `cancel()` (wired to SIGINT/SIGTERM by the runner) ends every step's process tree and leaves
 * the run Cancelled.
 */
import { delimiter, dirname } from 'node:path';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { IRunRecord, IStepRecord, RunStatus } from '../../core/runs/record';
import { RunPaths } from '../paths';
import { IPlannedStep, IRunPlan, stepArguments } from './plan';
import { schedule, TaskOutcome } from './scheduler';
import { StepAttempt } from './step-process';
import { WarmInterpreter } from './warm';
import { withThreadLimits } from './threads';
import { failureMessage, readMetrics } from './step-outcome';
import { fileStamps } from './file-stamps';
import { readObservation } from './observed-files';
import {
  CACHED_LOG_PREFIX,
  cacheKey,
  hashDirectory,
  StepCache
} from './step-cache';
import {
  isFileSystemError,
  readRecord,
  storeProblem,
  writeFileAtomically,
  writeRecord
} from './store';

export class RunExecutor {
  readonly record: IRunRecord;
  private readonly paths: RunPaths;
  private readonly cache: StepCache;
  private readonly attempts = new Map<string, StepAttempt>();
  private readonly outputHashes = new Map<string, Record<string, string>>();
  private cancelled = false;
  /** Why the run store could not be written (a full disk): the run stops and fails with it. */
  private storeError: string | undefined;
  private firstFailure: string | undefined;
  private readonly laterFailures: string[] = [];
  private warm: WarmInterpreter | undefined;

  constructor(
    private readonly plan: IRunPlan,
    private readonly onChange: (record: IRunRecord) => void = () => undefined
  ) {
    const record = readRecord(plan.runId, plan.home);
    if (!record) {
      throw new Error(`run ${plan.runId} has no run.json`);
    }
    this.record = record;
    this.paths = new RunPaths(plan.runId, plan.home);
    this.cache = new StepCache(plan.home);
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  async execute(): Promise<IRunRecord> {
    this.storeWrite(() =>
      writeFileAtomically(this.paths.runnerPid, `${process.pid}\n`)
    );
    this.cancelled ||= existsSync(this.paths.cancelRequest);
    this.record.status = 'Running';
    this.record.startedAt = now();
    this.save();
    if (this.plan.warm && this.storeError === undefined) {
      this.storeWrite(() => {
        this.warm = new WarmInterpreter(
          this.plan.python.command,
          this.plan.preload ?? [],
          this.paths.dir,
          this.plan.workdir,
          this.stepEnv()
        );
      });
    }
    try {
      await schedule(this.plan.steps, this.plan.jobs, {
        run: name => this.runStep(this.planned(name)),
        skip: (name, upstream) =>
          this.setStep(name, {
            status: 'Skipped',
            message: `skipped: upstream step '${upstream}' did not succeed`
          }),
        cancel: name =>
          this.setStep(
            name,
            this.storeError === undefined
              ? {
                  status: 'Cancelled',
                  message: 'the run was cancelled before this step started'
                }
              : {
                  status: 'Skipped',
                  message: `not started: ${this.storeError}`
                }
          ),
        isCancelled: () => this.cancelled || this.storeError !== undefined
      });
      this.record.status = this.finalStatus();
    } catch (error) {
      this.record.status = 'Failed';
      this.record.error = `the local runner failed: ${(error as Error).message}`;
    }
    this.warm?.close();
    if (this.storeError !== undefined) {
      this.record.status = 'Failed';
      this.record.error = this.storeError;
    }
    this.record.finishedAt = now();
    this.saveFinal();
    rmSync(this.paths.stepProcesses, { force: true });
    return this.record;
  }

  /**
   * Runs a write to the run store; if it fails, the run stops: no new step starts, running
   * steps end, and the run fails with why (a full disk, say) instead of the runner crashing.
   */
  /**
   * The run's one line (the sidebar's Runs list shows it): the first step that failed, and the
   * names of those that failed after it.
   */
  private noteFailure(step: string, message: string): void {
    if (this.firstFailure === undefined && this.record.error === undefined) {
      this.firstFailure = `step '${step}' failed: ${message}`;
    } else {
      this.firstFailure ??= this.record.error; // the runner's own failure comes first
      this.laterFailures.push(`'${step}'`);
    }
    this.record.error = this.laterFailures.length
      ? `${this.firstFailure}; ${this.laterFailures.length === 1 ? 'step' : 'steps'} ${this.laterFailures.join(', ')} failed too (see ${this.laterFailures.length === 1 ? 'its log' : 'their logs'})`
      : this.firstFailure;
  }

  /** The outputs a step that exited 0 did not save (its code ended the process first). */
  private unsavedOutputs(step: IPlannedStep): string[] {
    return step.outputs.filter(
      name => !existsSync(this.paths.manifest(step.name, name))
    );
  }

  private storeWrite(write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      this.failStore(error);
      return false;
    }
  }

  private failStore(error: unknown): void {
    if (this.storeError !== undefined) {
      return;
    }
    this.storeError = storeProblem(this.plan.home, error);
    process.stderr.write(`cellpipe: ${this.storeError}; stopping the run\n`);
    this.warm?.kill();
    void Promise.all([...this.attempts.values()].map(a => a.cancel()));
  }

  /**
   * The last record of the run: written with the space the run reserved when it was prepared,
   * and if even the atomic write fails, in place (a torn record beats one left Running).
   */
  private saveFinal(): void {
    rmSync(this.paths.spaceReserve, { force: true });
    const text = JSON.stringify(this.record, null, 2) + '\n';
    try {
      writeRecord(this.record, this.plan.home);
    } catch (error) {
      try {
        writeFileSync(this.paths.record, text);
      } catch {
        process.stderr.write(
          `cellpipe: cannot record how run ${this.plan.runId} ended: ${storeProblem(this.plan.home, error)}\n`
        );
      }
    }
    this.onChange(this.record);
  }

  /** Ends every running step's process tree; the run ends Cancelled. */
  async cancel(): Promise<void> {
    this.cancelled = true;
    // A step still waiting for the warm interpreter to fork it must not wait any longer.
    this.warm?.kill();
    await Promise.all([...this.attempts.values()].map(a => a.cancel()));
  }

  /** The runner's last resort on exit: SIGKILL to every running step's whole tree now. */
  killStepsNow(): void {
    this.attempts.forEach(attempt => attempt.killNow());
  }

  /** Process groups of the running steps. */
  processGroups(): number[] {
    return [...this.attempts.values()]
      .map(a => a.processGroup)
      .filter((g): g is number => g !== undefined);
  }

  private finalStatus(): RunStatus {
    const statuses = this.record.steps.map(s => s.status);
    if (this.storeError !== undefined) {
      return 'Failed';
    }
    if (this.cancelled || statuses.includes('Cancelled')) {
      return 'Cancelled';
    }
    return statuses.every(s => s === 'Succeeded') ? 'Succeeded' : 'Failed';
  }

  /** As in a notebook kernel, modules next to the notebook (the working directory) import. */
  private stepEnv(): NodeJS.ProcessEnv {
    const path = process.env.PYTHONPATH;
    return withThreadLimits(
      {
        ...process.env,
        PYTHONPATH: path
          ? `${this.plan.workdir}${delimiter}${path}`
          : this.plan.workdir
      },
      this.plan.threads
    );
  }

  private planned(name: string): IPlannedStep {
    return this.plan.steps.find(s => s.name === name)!;
  }

  private stepRecord(name: string): IStepRecord {
    return this.record.steps.find(s => s.name === name)!;
  }

  private setStep(name: string, change: Partial<IStepRecord>): void {
    Object.assign(this.stepRecord(name), change);
    this.save();
  }

  private save(): void {
    this.storeWrite(() => writeRecord(this.record, this.plan.home));
    this.onChange(this.record);
  }

  private saveProcessGroups(): void {
    const groups: Record<string, number> = {};
    for (const [name, attempt] of this.attempts) {
      if (attempt.processGroup !== undefined) {
        groups[name] = attempt.processGroup;
      }
    }
    this.storeWrite(() =>
      writeFileAtomically(
        this.paths.stepProcesses,
        JSON.stringify(groups) + '\n'
      )
    );
  }

  private async key(step: IPlannedStep): Promise<string | undefined> {
    if (!this.plan.useCache) {
      return undefined;
    }
    // Keyed by variable names, which may be `__proto__`: no prototype.
    const inputs: Record<string, string> = Object.create(null);
    for (const [name, producer] of Object.entries(step.producers)) {
      const hash = this.outputHashes.get(producer)?.[name];
      if (hash === undefined) {
        return undefined;
      }
      inputs[name] = hash;
    }
    const parameters = Object.fromEntries(
      step.parameters.map(p => [p, this.plan.params[p]])
    );
    return cacheKey({
      script: readFileSync(this.paths.script(step.name), 'utf8'),
      python: this.plan.python,
      inputs,
      parameters,
      files: fileStamps(this.plan.workdir, step.files ?? [], step.writes ?? [])
    });
  }

  /** One step; whatever it throws (a full disk, say) fails the step, never leaves it Running. */
  private async runStep(step: IPlannedStep): Promise<TaskOutcome> {
    try {
      return await this.runStepUnchecked(step);
    } catch (error) {
      if (isFileSystemError(error)) {
        this.failStore(error);
      }
      this.setStep(step.name, {
        status: 'Failed',
        finishedAt: now(),
        message:
          this.storeError ??
          `the local runner failed: ${(error as Error).message}`
      });
      return 'Failed';
    }
  }

  private async runStepUnchecked(step: IPlannedStep): Promise<TaskOutcome> {
    this.setStep(step.name, { status: 'Running', startedAt: now() });
    const key = await this.key(step);
    if (key !== undefined && step.cache) {
      const entry = this.cache.lookup(
        key,
        step.outputs,
        fileStamps(this.plan.workdir, step.written ?? [], [])
      );
      if (entry) {
        this.cache.restore(entry, this.paths, step.name, step.outputs);
        this.outputHashes.set(step.name, entry.outputs);
        mkdirSync(dirname(this.paths.log(step.name)), { recursive: true });
        // What the step printed when it ran, under a line saying it is reused (issue 15).
        const earlier = this.cache.earlierLog(entry);
        appendFileSync(
          this.paths.log(step.name),
          `${CACHED_LOG_PREFIX}${entry.runId}, step ${entry.step} (cached)` +
            (earlier === undefined
              ? '; the log of that run is gone\n'
              : `; what the step printed when it ran:\n`)
        );
        if (earlier !== undefined) {
          appendFileSync(this.paths.log(step.name), earlier);
        }
        this.cache.store({
          ...entry,
          runId: this.plan.runId,
          step: step.name,
          createdAt: now()
        });
        this.setStep(step.name, {
          status: 'Succeeded',
          finishedAt: now(),
          exitCode: 0,
          cached: true,
          metrics: entry.metrics,
          attempts: 0
        });
        return 'Succeeded';
      }
    }
    const outcome = await this.runAttempts(step);
    if (outcome !== 'Succeeded') {
      return outcome;
    }
    const metrics = readMetrics(this.paths.metrics(step.name), step);
    if (this.plan.useCache) {
      const hashes: Record<string, string> = Object.create(null);
      for (const name of step.outputs) {
        hashes[name] = await hashDirectory(this.paths.data(step.name, name));
      }
      this.outputHashes.set(step.name, hashes);
      const observation =
        key !== undefined && step.cache
          ? readObservation(this.paths.observed(step.name), this.plan.home)
          : null;
      if (observation?.kind === 'outside') {
        appendFileSync(
          this.paths.log(step.name),
          `cellpipe: not kept for reuse: the step's code reached outside its files ` +
            `(${observation.event}), so later runs run it again\n`
        );
      }
      if (key !== undefined && observation?.kind === 'files') {
        this.cache.store({
          key,
          runId: this.plan.runId,
          step: step.name,
          outputs: hashes,
          ...(step.written?.length
            ? { written: fileStamps(this.plan.workdir, step.written, []) }
            : {}),
          observed: observation.files,
          metrics,
          createdAt: now()
        });
      }
    }
    this.setStep(step.name, {
      status: 'Succeeded',
      finishedAt: now(),
      cached: false,
      metrics
    });
    return 'Succeeded';
  }

  private async runAttempts(step: IPlannedStep): Promise<TaskOutcome> {
    const log = this.paths.log(step.name);
    for (let attempt = 1; attempt <= step.retries + 1; attempt++) {
      if (attempt > 1) {
        appendFileSync(
          log,
          `\ncellpipe: retrying step ${step.name}: attempt ${attempt} of ${step.retries + 1}\n`
        );
      }
      const stepProcess = new StepAttempt({
        python: this.plan.python.command,
        args: stepArguments(this.plan, step),
        cwd: this.plan.workdir,
        log,
        timeoutSeconds: step.timeoutSeconds,
        warm: this.warm,
        env: this.stepEnv(),
        onStart: () => this.saveProcessGroups()
      });
      this.attempts.set(step.name, stepProcess);
      this.setStep(step.name, { attempts: attempt });
      const result = await stepProcess.run();
      this.attempts.delete(step.name);
      this.saveProcessGroups();
      const finished = { finishedAt: now(), exitCode: result.exitCode };
      if (this.storeError !== undefined) {
        this.setStep(step.name, {
          ...finished,
          status: 'Failed',
          message: `ended: ${this.storeError}`
        });
        return 'Failed';
      }
      if (result.cancelled || this.cancelled) {
        appendFileSync(
          log,
          `\ncellpipe: step ${step.name} was cancelled while it ran\n`
        );
        this.setStep(step.name, {
          ...finished,
          status: 'Cancelled',
          message: 'cancelled while running'
        });
        return 'Cancelled';
      }
      const unsaved =
        result.exitCode === 0 && !result.timedOut
          ? this.unsavedOutputs(step)
          : [];
      if (result.exitCode === 0 && !result.timedOut && !unsaved.length) {
        this.setStep(step.name, finished);
        return 'Succeeded';
      }
      const message = unsaved.length
        ? `the step ended (exit code 0) without saving ${unsaved.map(n => `'${n}'`).join(', ')}: ` +
          'did a cell end the process (os._exit) before the step was done?'
        : failureMessage(result, step, this.plan.python.command, log);
      this.setStep(step.name, {
        ...finished,
        message: `${message}${attempt > 1 ? ` (attempt ${attempt} of ${step.retries + 1})` : ''}; see ${log}`
      });
      if (attempt === step.retries + 1 || result.spawnError) {
        this.noteFailure(step.name, message);
        this.setStep(step.name, { status: 'Failed' });
        return 'Failed';
      }
    }
    return 'Failed';
  }
}

function now(): string {
  return new Date().toISOString();
}
