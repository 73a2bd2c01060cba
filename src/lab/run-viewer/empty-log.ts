/** What the log panel says for a step that has written nothing, by where it stands. */
import { TranslationBundle } from '@jupyterlab/translation';
import { RunStatus } from '../../core/runs/record';
import { Target } from '../../core/settings/types';

export function emptyLogText(
  status: RunStatus | undefined,
  target: Target | undefined,
  trans: TranslationBundle
): string {
  if (target === 'kfp') {
    return trans.__('Cluster logs are in the run UI linked above.');
  }
  switch (status) {
    case 'Skipped':
      return trans.__(
        '(the step did not run: a step before it failed or the run stopped)'
      );
    case 'Cancelled':
      return trans.__('(cancelled before the step wrote anything)');
    case 'Succeeded':
    case 'Failed':
      return trans.__('(the step wrote nothing)');
    default:
      return trans.__('(nothing written yet)');
  }
}
