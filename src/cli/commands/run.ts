/** `cellpipe run NB [--param NAME=VALUE]… [--workdir DIR] [--json] [--no-cache] [--jobs N] [--python PATH]` */
import { ICliCommand } from '../command';
import { oneNotebook, parseArgs } from '../args';
import { UserError } from '../../core/errors';
import { IRunRecord } from '../../core/runs/record';
import { RunPaths } from '../../engine/paths';
import { prepareRun } from '../../engine/local/prepare';
import { readPlan } from '../../engine/local/plan';
import { driveRun } from '../../engine/local/runner';
import { ProgressDisplay } from '../../engine/local/progress';
import { failedStepTails, formatRunSummary } from '../../engine/local/summary';
import { isRunId } from '../../engine/local/store';

const usage = `usage: cellpipe run NOTEBOOK [--param NAME=VALUE]... [--workdir DIR] [--json]
                    [--no-cache] [--no-warm] [--jobs N] [--python PATH]

Runs the pipeline on this machine: each step's script in its own Python process, independent
steps in parallel. The run is recorded under CELLPIPE_HOME/runs/<id> (see \`cellpipe runs\`).
  --param NAME=VALUE  override a pipeline parameter (repeatable)
  --workdir DIR       the steps' working directory (default: the notebook's folder)
  --json              print only the final run record as JSON on stdout
  --no-cache          run every step, even where an earlier identical step could be reused
  --jobs N            at most N steps at once (default: the number of cores)
  --no-warm           start a fresh Python for every step instead of forking each from one
                      interpreter that has already imported the notebook's imports cells
                      (also CELLPIPE_WARM=0)
  --python PATH       the interpreter (default: CELLPIPE_PYTHON, else the notebook's kernel's,
                      else python3 on PATH)
Exits 0 when every step succeeded, 1 when the run failed, 130 when it was cancelled,
2 for bad input.`;

function exitCode(record: IRunRecord): number {
  return record.status === 'Succeeded'
    ? 0
    : record.status === 'Cancelled'
      ? 130
      : 1;
}

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UserError(
      `--jobs must be a whole number of at least 1, got '${text}'`
    );
  }
  return Number(text);
}

export const runCommand: ICliCommand = {
  name: 'run',
  summary: 'run the pipeline locally, with live progress, logs and caching',
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      flags: ['--json', '--no-cache', '--no-warm'],
      options: ['--workdir', '--jobs', '--python', '--prepared'],
      multi: ['--param'],
      aliases: { '-p': '--param', '-j': '--jobs' }
    });
    const json = parsed.flags.has('--json');
    // --prepared ID (internal): execute a run the engine API has prepared, in the background.
    const preparedId = parsed.options.get('--prepared');
    let plan;
    if (preparedId !== undefined) {
      if (!isRunId(preparedId)) {
        throw new UserError(`--prepared expects a run id, got '${preparedId}'`);
      }
      plan = readPlan(preparedId);
    } else {
      plan = prepareRun({
        notebook: oneNotebook(parsed, usage),
        params: parsed.multi.get('--param') ?? [],
        workdir: parsed.options.get('--workdir'),
        jobs: parseJobs(parsed.options.get('--jobs')),
        python: parsed.options.get('--python'),
        useCache: !parsed.flags.has('--no-cache'),
        warm: parsed.flags.has('--no-warm') ? false : undefined
      }).plan;
    }
    const display = new ProgressDisplay(process.stderr);
    const showProgress = !json || display.live;
    const record = await driveRun(
      plan,
      showProgress ? r => display.update(r) : undefined
    );
    display.finish();
    if (json) {
      process.stdout.write(JSON.stringify(record, null, 2) + '\n');
    } else {
      const tails = failedStepTails(record);
      if (tails) {
        process.stderr.write(tails + '\n');
      }
      // On a terminal the live table stays on the screen with every step's end: the summary
      // below it does not list the steps again. Written to a file or a pipe, it does.
      const stepsOnScreen = display.live && process.stdout.isTTY === true;
      process.stdout.write(
        formatRunSummary(
          record,
          new RunPaths(record.id, plan.home).record,
          !stepsOnScreen
        ) + '\n'
      );
    }
    return exitCode(record);
  }
};
