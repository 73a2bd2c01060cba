/**
 * What `submit --watch` prints on stderr each time a run changes: the run's and each step's
 * status, then, for each step that waits, why (a pod's image that cannot be pulled, a claim that
 * is not there, a node with too little memory), as the orchestrator says it.
 */
import { IRunRecord } from '../../core/runs/record';

export function progressLines(record: IRunRecord): string {
  const lines = [
    `${record.status}: ${record.steps.map(s => `${s.name}=${s.status}`).join(' ')}`
  ];
  for (const step of record.steps) {
    if (step.status === 'Pending' && step.message) {
      lines.push(`  ${step.name} waits: ${step.message}`);
    }
  }
  return lines.join('\n') + '\n';
}
