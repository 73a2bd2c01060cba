/** `cellpipe logs RUN_ID [STEP]...`: step logs of a local or a cluster run. */
import { ICliCommand } from '../command';
import { parseArgs } from '../args';
import { UserError } from '../../core/errors';
import { getRun, readStepLog } from '../../engine/local/api';

const usage = `usage: cellpipe logs RUN_ID [STEP]... [--namespace NS]

Prints the logs of a recorded run's steps (all steps, in order, when none is named).
  local runs   the step log files
  Argo runs    the step pods' main-container logs, read through the Kubernetes API (current
               kubeconfig); a retried step shows every attempt
Exits 1 when a named step does not exist or a pod's log cannot be read.`;

function localLogs(id: string, steps: string[]): string {
  const record = getRun(id);
  const names = steps.length ? steps : record.steps.map(s => s.name);
  const many = names.length > 1;
  return names
    .map(name => {
      const text = readStepLog(id, name, 0, undefined, 1 << 30).text;
      return many ? `==> ${name} <==\n${text}` : text;
    })
    .join('');
}

export const logsCommand: ICliCommand = {
  name: 'logs',
  summary: "print a run's step logs (local runs and Argo runs)",
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      flags: [],
      options: ['--namespace'],
      aliases: { '-n': '--namespace' }
    });
    const [id, ...steps] = parsed.positionals;
    if (!id) {
      throw new UserError(usage);
    }
    const record = getRun(id);
    if (record.target === 'local') {
      process.stdout.write(localLogs(id, steps));
      return 0;
    }
    if (record.target !== 'argo') {
      throw new UserError(
        `cellpipe logs reads local and Argo runs; run '${id}' is a ${record.target} run (see its link)`
      );
    }
    const { connect } = await import('../../engine/kube/connection');
    const { readArgoStepLogs, formatAttemptLogs } =
      await import('../../engine/kube/argo-logs');
    const connection = connect({
      namespace: parsed.options.get('--namespace') ?? record.namespace
    });
    const logs = await readArgoStepLogs(connection, record, steps);
    process.stdout.write(formatAttemptLogs(logs, steps.length !== 1));
    return 0;
  }
};
