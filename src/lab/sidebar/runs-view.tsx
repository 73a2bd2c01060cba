/** The runs of the current notebook: status chip, duration, links, cancel, why steps wait. */
import { TranslationBundle } from '@jupyterlab/translation';
import { PathExt } from '@jupyterlab/coreutils';
import React from 'react';
import { IRunLink, IRunRecord } from '../../core/runs/record';
import { CellPlaceText } from '../cell-place-text';
import { CLASS } from './class-names';
import { formatDuration, isFinished, runDuration } from './runs-model';
import { WaitingSteps } from './waiting-steps';

export interface IRunsViewProps {
  runs: readonly IRunRecord[];
  error: string | null;
  /** Epoch milliseconds, for the durations of running runs. */
  now: number;
  onCancel: (id: string) => void;
  /** Opens the run viewer of a local run. */
  onOpenLocal: (id: string) => void;
  /** The notebook's file name: the places of its cells in a run's error become links. */
  notebookName: string;
  /** Goes to a line of a cell (index from 0, line from 1). */
  onRevealCell: (cell: number, line: number) => void;
  trans: TranslationBundle;
}

/** Only http(s) links become anchors: a record is data from disk, not trusted markup. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function RunLink(props: {
  run: IRunRecord;
  link: IRunLink;
  onOpenLocal: (id: string) => void;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { link, trans } = props;
  if (link.kind === 'local') {
    return (
      <button
        className={CLASS.runLink}
        onClick={() => props.onOpenLocal(props.run.id)}
        title={trans.__('Open the run viewer')}
      >
        {link.label || trans.__('Run viewer')}
      </button>
    );
  }
  if (!isWebLink(link.url)) {
    return null;
  }
  return (
    <a
      className={CLASS.runLink}
      href={link.url}
      target="_blank"
      rel="noopener noreferrer"
    >
      {link.label || link.url}
    </a>
  );
}

/** The parameters a run was given, `name=value` each (the full list in the tooltip). */
export function paramsText(params: IRunRecord['params']): string {
  return Object.entries(params ?? {})
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(', ');
}

function RunParams(props: {
  run: IRunRecord;
  trans: TranslationBundle;
}): JSX.Element | null {
  const text = paramsText(props.run.params);
  if (!text) {
    return null;
  }
  return (
    <div className={CLASS.runParams} title={text}>
      {props.trans.__('parameters: %1', text)}
    </div>
  );
}

/** How many steps the run reused from the step cache, where any: a reused step did not run. */
function CachedSteps(props: {
  run: IRunRecord;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { run, trans } = props;
  const cached = run.steps.filter(step => step.cached).length;
  if (!cached) {
    return null;
  }
  return (
    <div
      className={CLASS.runCached}
      title={trans.__(
        'A reused step did not run: its code, inputs, parameters, the files and folders it names and the modules next to the notebook are as in an earlier run. A cache:disabled tag (or cellpipe run --no-cache) runs it again.'
      )}
    >
      {trans._n(
        '%2 of %1 step reused from the cache',
        '%2 of %1 steps reused from the cache',
        run.steps.length,
        cached
      )}
    </div>
  );
}

function RunRow(props: IRunsViewProps & { run: IRunRecord }): JSX.Element {
  const { run, trans } = props;
  const millis = runDuration(run, props.now);
  const links = run.links.length
    ? run.links
    : run.target === 'local'
      ? [{ kind: 'local' as const, label: '', url: '' }]
      : [];
  return (
    <li className={CLASS.run} data-run={run.id} data-status={run.status}>
      <span className={`${CLASS.chip} jp-mod-${run.status.toLowerCase()}`}>
        {run.status}
      </span>
      <span className={CLASS.runId} title={run.createdAt}>
        {run.target} · {run.id}
      </span>
      <span className={CLASS.duration}>
        {millis === null ? '' : formatDuration(millis)}
      </span>
      {!isFinished(run.status) && (
        <button
          className={CLASS.cancel}
          onClick={() => props.onCancel(run.id)}
          title={trans.__('Cancel this run')}
        >
          {trans.__('Cancel')}
        </button>
      )}
      <div className={CLASS.runLinks}>
        {links.map(link => (
          <RunLink
            key={`${link.kind}:${link.url}`}
            run={run}
            link={link}
            onOpenLocal={props.onOpenLocal}
            trans={trans}
          />
        ))}
      </div>
      <RunParams run={run} trans={trans} />
      <CachedSteps run={run} trans={trans} />
      <WaitingSteps run={run} trans={trans} />
      {run.error && (
        <div className={CLASS.error}>
          <CellPlaceText
            text={run.error}
            notebookName={props.notebookName}
            formerName={run.ranFrom && PathExt.basename(run.ranFrom)}
            onRevealCell={props.onRevealCell}
            trans={trans}
          />
        </div>
      )}
    </li>
  );
}

export function RunsView(props: IRunsViewProps): JSX.Element {
  const { trans } = props;
  return (
    <div>
      {props.error && (
        <p className={CLASS.error}>
          {trans.__('Cannot list the runs: %1', props.error)}
        </p>
      )}
      {props.runs.length === 0 ? (
        <p className={CLASS.empty}>
          {trans.__('No runs of this notebook yet.')}
        </p>
      ) : (
        <ul className={CLASS.runs}>
          {props.runs.map(run => (
            <RunRow key={run.id} {...props} run={run} />
          ))}
        </ul>
      )}
    </div>
  );
}
