/**
 * Progress of a local run on the terminal. On a TTY: a live table redrawn in place (one line per
 * step: status, time, attempts, cached). Elsewhere: one plain line per step status change.
 */
import { formatDuration } from '../../core/duration';
import { IRunRecord, IStepRecord, RunStatus } from '../../core/runs/record';

const MARKS: Record<RunStatus, string> = {
  Pending: '·',
  Running: '▶',
  Succeeded: '✓',
  Failed: '✗',
  Skipped: '-',
  Cancelled: '■'
};
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function stepSeconds(
  step: IStepRecord,
  at = Date.now()
): number | undefined {
  if (!step.startedAt) {
    return undefined;
  }
  const end = step.finishedAt ? Date.parse(step.finishedAt) : at;
  return Math.max(0, (end - Date.parse(step.startedAt)) / 1000);
}

function detail(step: IStepRecord): string {
  const notes: string[] = [];
  if (step.cached) {
    notes.push('cached');
  }
  if ((step.attempts ?? 1) > 1) {
    notes.push(`attempt ${step.attempts}`);
  }
  if (step.status === 'Failed' || step.status === 'Skipped') {
    notes.push(step.message ?? '');
  }
  return notes.filter(Boolean).join(', ');
}

export class ProgressDisplay {
  private lastLines = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly seen = new Map<string, RunStatus>();
  private latest: IRunRecord | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  get live(): boolean {
    return Boolean(this.stream.isTTY) && process.env.TERM !== 'dumb';
  }

  update(record: IRunRecord): void {
    this.latest = record;
    if (this.live) {
      this.timer ??= setInterval(() => this.redraw(), 120).unref();
      this.redraw();
      return;
    }
    for (const step of record.steps) {
      if (this.seen.get(step.name) === step.status) {
        continue;
      }
      this.seen.set(step.name, step.status);
      if (step.status === 'Pending') {
        continue;
      }
      const seconds = stepSeconds(step);
      const time =
        step.finishedAt && seconds !== undefined
          ? ` in ${formatDuration(seconds)}`
          : '';
      const note = detail(step);
      this.stream.write(
        `cellpipe: step ${step.name}: ${step.status}${time}${note ? ` (${note})` : ''}\n`
      );
    }
  }

  finish(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) {
      this.redraw();
    }
  }

  private redraw(): void {
    const record = this.latest;
    if (!record) {
      return;
    }
    this.frame = (this.frame + 1) % SPINNER.length;
    const width = Math.max(...record.steps.map(s => s.name.length), 4);
    const done = record.steps.filter(
      s => !['Pending', 'Running'].includes(s.status)
    ).length;
    const columns = this.stream.columns || 100;
    const lines = [
      `${record.pipeline} · run ${record.id} · ${done}/${record.steps.length} steps · ${record.status}`,
      ...record.steps.map(step => {
        const mark =
          step.status === 'Running' ? SPINNER[this.frame] : MARKS[step.status];
        const seconds = stepSeconds(step);
        const time = seconds === undefined ? '' : formatDuration(seconds);
        return `  ${mark} ${step.name.padEnd(width)}  ${step.status.padEnd(9)} ${time.padStart(7)}  ${detail(step)}`;
      })
    ].map(line =>
      line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line
    );
    const up = this.lastLines ? `\x1b[${this.lastLines}F` : '';
    this.stream.write(up + lines.map(l => `\x1b[2K${l}`).join('\n') + '\n');
    this.lastLines = lines.length;
  }
}
