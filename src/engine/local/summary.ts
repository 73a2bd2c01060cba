/** The closing text of a local run for people: steps, times, metrics and where the logs are. */
import { existsSync, readFileSync } from 'node:fs';
import { IRunRecord } from '../../core/runs/record';
import { formatDuration } from '../../core/duration';
import { stepSeconds } from './progress';

export function runSeconds(
  record: IRunRecord,
  at = Date.now()
): number | undefined {
  if (!record.startedAt) {
    return undefined;
  }
  const end = record.finishedAt ? Date.parse(record.finishedAt) : at;
  return Math.max(0, (end - Date.parse(record.startedAt)) / 1000);
}

export function formatRunSummary(
  record: IRunRecord,
  recordPath: string,
  /** False where the live table (progress.ts) left the steps on the screen already. */
  withSteps = true
): string {
  const seconds = runSeconds(record);
  const width = Math.max(...record.steps.map(s => s.name.length), 4);
  const lines = [
    `run ${record.id}: ${record.status}${seconds === undefined ? '' : ` in ${formatDuration(seconds)}`} (${record.pipeline}, ${record.notebook})`
  ];
  for (const step of withSteps ? record.steps : []) {
    const time = stepSeconds(step);
    const notes = [
      step.cached ? 'cached' : '',
      step.status === 'Succeeded' ? '' : (step.message ?? '')
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(
      `  ${step.name.padEnd(width)}  ${step.status.padEnd(9)} ${(time === undefined ? '' : formatDuration(time)).padStart(7)}${notes ? `  ${notes}` : ''}`
    );
  }
  const metrics = record.steps.flatMap(s => Object.entries(s.metrics ?? {}));
  if (metrics.length) {
    lines.push(
      'metrics:',
      ...metrics.map(([name, value]) => `  ${name} = ${JSON.stringify(value)}`)
    );
  }
  if (record.error) {
    lines.push(`error: ${record.error}`);
  }
  lines.push(`record: ${recordPath}`);
  return lines.join('\n');
}

/** The last `count` lines of each failed step's log, where the traceback is. */
export function failedStepTails(record: IRunRecord, count = 20): string {
  return record.steps
    .filter(s => s.status === 'Failed' && s.log && existsSync(s.log))
    .map(step => {
      const lines = readFileSync(step.log!, 'utf8').trimEnd().split('\n');
      return [
        `--- ${step.name}: last lines of ${step.log}`,
        ...lines.slice(-count)
      ].join('\n');
    })
    .join('\n');
}
