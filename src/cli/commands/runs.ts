/** `cellpipe runs [--json]` and `cellpipe runs --prune [--keep N] [--older-than AGE] [--status S]…` */
import { ICliCommand } from '../command';
import { parseArgs } from '../args';
import { formatDuration } from '../../core/duration';
import { UserError } from '../../core/errors';
import { IRunRecord } from '../../core/runs/record';
import { isAbsolute } from 'node:path';
import { listRuns } from '../../engine/local/api';
import { notebookNow, readRenames } from '../../engine/local/notebook-renames';
import { parseAge, parseStatus, pruneRuns } from '../../engine/local/prune';
import { runSeconds } from '../../engine/local/summary';

const usage = `usage: cellpipe runs [--json]
       cellpipe runs --prune [--keep N] [--older-than AGE] [--status STATUS]... [--json]

Lists the recorded runs (CELLPIPE_HOME/runs), newest first, with status, duration and links.
  --json              print the run records as a JSON array
  --prune             delete finished runs picked by the selectors below (at least one);
                      a run that is still running is never deleted
  --keep N            of the picked runs, keep the newest N
  --older-than AGE    only runs created more than AGE ago: 90s, 30m, 1h30m, 7d, 2w
  --status STATUS     only runs with this status (repeatable): Succeeded, Failed, Cancelled`;

/**
 * The runs as a table. A notebook renamed through Jupyter since its run shows where it is now,
 * as the lab shows it (notebook-renames.ts), and one deleted through Jupyter says so; `--json`
 * gives the records as they were written.
 */
function table(records: IRunRecord[]): string {
  if (!records.length) {
    return 'no runs recorded yet; start one with `cellpipe run NOTEBOOK`';
  }
  const renames = readRenames();
  const rows = records.map(r => {
    const seconds = runSeconds(r);
    return [
      r.id,
      r.status,
      seconds === undefined ? '' : formatDuration(seconds),
      r.target,
      // A run started from the lab records its path under the lab's root, which is not known
      // here; a rename is recorded with absolute paths.
      isAbsolute(r.notebook)
        ? (notebookNow(r.notebook, r.createdAt, renames) ??
          `${r.notebook} (deleted)`)
        : r.notebook,
      r.links.map(l => l.url).join(' ')
    ];
  });
  const header = ['ID', 'STATUS', 'TIME', 'TARGET', 'NOTEBOOK', 'LINKS'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(row => row[i].length))
  );
  return [header, ...rows]
    .map(row =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell.padEnd(widths[i])
        )
        .join('  ')
    )
    .join('\n');
}

export const runsCommand: ICliCommand = {
  name: 'runs',
  summary: 'list recorded runs (status, duration, links), or prune old ones',
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      flags: ['--json', '--prune'],
      options: ['--keep', '--older-than'],
      multi: ['--status']
    });
    if (parsed.positionals.length) {
      throw new UserError(
        `unexpected argument '${parsed.positionals[0]}'\n${usage}`
      );
    }
    const json = parsed.flags.has('--json');
    const selectors = ['--keep', '--older-than'].filter(o =>
      parsed.options.has(o)
    );
    if (!parsed.flags.has('--prune')) {
      if (selectors.length || parsed.multi.has('--status')) {
        throw new UserError(
          `${selectors[0] ?? '--status'} is an option of --prune`
        );
      }
      let records = listRuns();
      if (
        records.some(
          r => r.target !== 'local' && ['Pending', 'Running'].includes(r.status)
        )
      ) {
        // Unfinished cluster runs are re-read from the cluster (loads the Kubernetes client).
        const { refreshClusterRuns } =
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('../../engine/cluster-refresh') as typeof import('../../engine/cluster-refresh');
        records = await refreshClusterRuns(records);
      }
      process.stdout.write(
        (json ? JSON.stringify(records, null, 2) : table(records)) + '\n'
      );
      return 0;
    }
    const keepText = parsed.options.get('--keep');
    if (keepText !== undefined && !/^\d+$/.test(keepText)) {
      throw new UserError(`--keep expects a whole number, got '${keepText}'`);
    }
    const olderThan = parsed.options.get('--older-than');
    const deleted = pruneRuns({
      keep: keepText === undefined ? undefined : Number(keepText),
      olderThanSeconds:
        olderThan === undefined ? undefined : parseAge(olderThan),
      statuses: (parsed.multi.get('--status') ?? []).map(parseStatus)
    });
    if (json) {
      process.stdout.write(JSON.stringify(deleted.map(r => r.id)) + '\n');
    } else {
      process.stdout.write(
        deleted.length
          ? `deleted ${deleted.length} run${deleted.length === 1 ? '' : 's'}: ${deleted.map(r => r.id).join(', ')}\n`
          : 'no run matched; nothing deleted\n'
      );
    }
    return 0;
  }
};
