/**
 * Why a run's steps wait, under the run in the list: the orchestrator's reason for each pending
 * step that has one (an image that cannot be pulled, a claim that is not there, a node with too
 * little memory), so a run that stays Pending says why instead of only "Pending".
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { IRunRecord } from '../../core/runs/record';
import { CLASS } from './class-names';
import { isFinished } from './runs-model';

/** At most this many steps are listed; the rest are counted. */
const SHOWN = 3;

export function WaitingSteps(props: {
  run: IRunRecord;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { run, trans } = props;
  if (isFinished(run.status)) {
    return null;
  }
  const waiting = run.steps.filter(
    step => step.status === 'Pending' && step.message
  );
  if (!waiting.length) {
    return null;
  }
  return (
    <ul className={CLASS.runWaiting} aria-label={trans.__('why steps wait')}>
      {waiting.slice(0, SHOWN).map(step => (
        <li key={step.name} title={step.message}>
          {trans.__('%1 waits: %2', step.name, step.message ?? '')}
        </li>
      ))}
      {waiting.length > SHOWN && (
        <li>
          {trans._n(
            'and %1 more step',
            'and %1 more steps',
            waiting.length - SHOWN
          )}
        </li>
      )}
    </ul>
  );
}
