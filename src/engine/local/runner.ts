/**
 * The process that drives one local run. It executes the prepared plan and ties the run to the
 * process's signals: SIGINT (Ctrl-C), SIGTERM (cancel from the engine API) and SIGHUP end every
 * step's process tree and leave the run Cancelled; a second signal, or the process exiting for
 * any other reason, kills what is left at once.
 */
import { IRunRecord } from '../../core/runs/record';
import { RunExecutor } from './execute';
import { IRunPlan } from './plan';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function driveRun(
  plan: IRunPlan,
  onChange?: (record: IRunRecord) => void
): Promise<IRunRecord> {
  const executor = new RunExecutor(plan, onChange);
  let signalled = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signalled++;
    if (signalled === 1) {
      process.stderr.write(
        `\ncellpipe: ${name}: cancelling the run, ending its steps…\n`
      );
      void executor.cancel();
      return;
    }
    executor.killStepsNow();
    process.exit(130);
  };
  const onExit = () => executor.killStepsNow();
  SIGNALS.forEach(name => process.on(name, onSignal));
  process.on('exit', onExit);
  try {
    return await executor.execute();
  } finally {
    SIGNALS.forEach(name => process.off(name, onSignal));
    process.off('exit', onExit);
  }
}
