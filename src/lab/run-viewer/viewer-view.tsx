/** The run viewer's content: status, DAG by status, steps with durations, the selected log, rerun. */
import { PathExt } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';
import { CellPlaceText } from '../cell-place-text';
import { IRunRecord } from '../../core/runs/record';
import { RunParams } from '../api/routes';
import { useSignal } from '../sidebar/use-signal';
import { StatusDag } from './status-dag';
import { emptyLogText } from './empty-log';
import { terminalText } from './terminal-text';
import {
  durationSeconds,
  formatDuration,
  formatMetric,
  fullMetric,
  notebookOutsideRoot,
  notebookReachable,
  RunViewerModel
} from './viewer-model';
import { parseParamValue } from './params';
import { parseParameter } from '../sidebar/param-values';
import { ParameterType } from '../../core/ir/pipeline';

export interface IRunViewerProps {
  model: RunViewerModel;
  trans: TranslationBundle;
  /** Opens another run (the rerun) in a viewer. */
  openRun: (id: string) => void;
  /** Opens the notebook at `path` with the cursor at a line of a cell (index from 0). */
  revealCell: (path: string, cell: number, line: number) => void;
}

/** A message of the run, the places of its notebook's cells as buttons to go there. */
function RunMessage(props: {
  text: string;
  record: IRunRecord;
  revealCell: IRunViewerProps['revealCell'];
  trans: TranslationBundle;
}): JSX.Element {
  const path = props.record.notebook;
  if (!notebookReachable(props.record)) {
    // Its cells are gone (a notebook now at the path is another one), or not served.
    return <p className="jp-cellpipe-error">{props.text}</p>;
  }
  return (
    <p className="jp-cellpipe-error">
      <CellPlaceText
        text={props.text}
        notebookName={PathExt.basename(path)}
        formerName={
          props.record.ranFrom && PathExt.basename(props.record.ranFrom)
        }
        onRevealCell={(cell, line) => props.revealCell(path, cell, line)}
        trans={props.trans}
      />
    </p>
  );
}

function StatusChip(props: { status: string }): JSX.Element {
  return (
    <span
      className={`jp-cellpipe-StatusChip jp-mod-${props.status.toLowerCase()}`}
      data-status={props.status}
    >
      {props.status}
    </span>
  );
}

function RerunForm(props: {
  record: IRunRecord;
  model: RunViewerModel;
  trans: TranslationBundle;
  openRun: (id: string) => void;
}): JSX.Element {
  const { record, trans } = props;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(record.params).map(([k, v]) => [k, String(v)])
    )
  );
  const [problem, setProblem] = useState<string | null>(null);
  const noParameters = Object.keys(values).length === 0;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      // No prototype: a parameter may be named `__proto__` (Python allows it).
      const params: RunParams = Object.create(null);
      const problems: string[] = [];
      for (const [name, text] of Object.entries(values)) {
        const type = props.model.parameterType(name);
        try {
          // As the parameters dialog checks it, where the notebook declares the type.
          params[name] = type
            ? parseParameter({ name, type }, text, trans)
            : parseParamValue(text, record.params[name]);
        } catch (error) {
          const message = (error as Error).message;
          problems.push(type ? message : `${name}: ${message}`);
        }
      }
      if (problems.length) {
        throw new Error(problems.join('\n'));
      }
      const next = await props.model.rerun(params);
      setProblem(null);
      props.openRun(next.record.id);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <form className="jp-cellpipe-RunViewer-rerun" onSubmit={submit}>
      <h3>{trans.__('Parameters')}</h3>
      {noParameters && <p>{trans.__('This pipeline has no parameters.')}</p>}
      {Object.entries(values).map(([name, text]) => {
        const previous = record.params[name];
        const change = (
          event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>
        ) => setValues({ ...values, [name]: event.target.value });
        return (
          <label key={name}>
            <span>{`${name} (${kindOf(props.model.parameterType(name), previous, trans)})`}</span>
            {typeof previous === 'boolean' ? (
              <select className="jp-mod-styled" value={text} onChange={change}>
                {BOOLEAN_VALUES.map(value => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            ) : (
              <input
                className="jp-mod-styled"
                inputMode={typeof previous === 'number' ? 'decimal' : 'text'}
                value={text}
                onChange={change}
              />
            )}
          </label>
        );
      })}
      {problem?.split('\n').map(line => (
        <p key={line} className="jp-cellpipe-error">
          {line}
        </p>
      ))}
      <button
        type="submit"
        className="jp-mod-styled jp-mod-accept"
        disabled={!notebookReachable(record)}
      >
        {noParameters
          ? trans.__('Rerun')
          : trans.__('Rerun with these parameters')}
      </button>
      <p className="jp-cellpipe-RunViewer-hint">
        {record.notebookDeleted
          ? trans.__(
              'The notebook was deleted after this run, so there is nothing to rerun: a notebook now at %1 is another one.',
              record.notebook
            )
          : notebookOutsideRoot(record)
            ? trans.__(
                'The notebook, %1, is outside the folder JupyterLab serves, so the lab cannot rerun it: run it with cellpipe run from a terminal.',
                record.notebook
              )
            : trans.__(
                'Runs the notebook as it is now (saved first if it has unsaved changes), not this run’s code.'
              )}
      </p>
    </form>
  );
}

/** A bool parameter's choices, as Python's parameters cell would read them (not translated). */
const BOOLEAN_VALUES = ['true', 'false'];

/**
 * A parameter's type as the rerun form labels it: the notebook's (`int`, `float`), else what
 * the recorded value is.
 */
function kindOf(
  declared: ParameterType | undefined,
  value: number | string | boolean | undefined,
  trans: TranslationBundle
): string {
  if (declared) {
    return declared === 'str' ? trans.__('text') : declared;
  }
  return typeof value === 'boolean'
    ? 'bool'
    : typeof value === 'number'
      ? trans.__('number')
      : trans.__('text');
}

/** Every metric the steps reported, one row each, in step order. */
function MetricsTable(props: {
  record: IRunRecord;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { record, trans } = props;
  const rows = record.steps.flatMap(step =>
    Object.entries(step.metrics ?? {}).map(([name, value]) => ({
      step: step.name,
      name,
      value
    }))
  );
  if (!rows.length) {
    return null;
  }
  return (
    <section
      className="jp-cellpipe-RunViewer-metrics"
      aria-label={trans.__('metrics')}
    >
      <h3>{trans.__('Metrics')}</h3>
      <table>
        <thead>
          <tr>
            <th>{trans.__('metric')}</th>
            <th>{trans.__('value')}</th>
            <th>{trans.__('step')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(row => (
            <tr key={`${row.step}/${row.name}`} data-metric={row.name}>
              <td>{row.name}</td>
              <td
                className="jp-cellpipe-RunViewer-metricValue"
                title={fullMetric(row.value)}
              >
                {formatMetric(row.value)}
              </td>
              <td>{row.step}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function LogPanel(props: {
  model: RunViewerModel;
  revealCell: IRunViewerProps['revealCell'];
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const pre = useRef<HTMLPreElement>(null);
  const text = model.log;
  useEffect(() => {
    const node = pre.current;
    if (node) {
      node.scrollTop = node.scrollHeight;
    }
  }, [text]);
  if (!model.selected) {
    return <p>{trans.__('Select a step to read its log.')}</p>;
  }
  const step = model.step(model.selected);
  return (
    <section
      className="jp-cellpipe-RunViewer-log"
      aria-label={trans.__('log of %1', model.selected)}
    >
      <h3>
        {trans.__('Log of %1', model.selected)}{' '}
        {step && <StatusChip status={step.status} />}
      </h3>
      {step?.message && model.record && (
        <RunMessage
          text={step.message}
          record={model.record}
          revealCell={props.revealCell}
          trans={trans}
        />
      )}
      {step?.cached && (
        <p className="jp-cellpipe-RunViewer-cachedNote">
          {trans.__(
            'Reused from the cache: below is what the step printed in the run that made these outputs.'
          )}
        </p>
      )}
      {model.logState.trimmed && (
        <p className="jp-cellpipe-RunViewer-trimmedNote">
          {trans.__(
            'This log is long: only its end is shown. `cellpipe logs %1 %2` prints all of it.',
            model.id,
            model.selected
          )}
        </p>
      )}
      <pre ref={pre} data-step={model.selected}>
        {terminalText(text) ||
          emptyLogText(step?.status, model.record?.target, trans)}
      </pre>
    </section>
  );
}

export function RunViewer(props: IRunViewerProps): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed);
  const record = model.record;
  if (!record) {
    return (
      <div className="jp-cellpipe-RunViewer">
        <p>{model.error ?? trans.__('Loading run %1…', model.id)}</p>
      </div>
    );
  }
  return (
    <div className="jp-cellpipe-RunViewer" data-run={record.id}>
      <header>
        <h2>
          {record.pipeline} <StatusChip status={record.status} />
        </h2>
        <p>
          {trans.__(
            'Run %1 of %2, %3',
            record.id,
            record.notebook,
            record.target
          )}{' '}
          ·{' '}
          {formatDuration(durationSeconds(record.startedAt, record.finishedAt))}
        </p>
        {record.python && (
          <p
            className="jp-cellpipe-RunViewer-python"
            title={record.python.version}
          >
            {trans.__(
              'Python: %1 (from %2)',
              record.python.executable,
              record.python.source
            )}
          </p>
        )}
        {record.kfpEndpoint && (
          <p className="jp-cellpipe-RunViewer-endpoint">
            {record.kfpEndpointConfigured === false
              ? trans.__(
                  'Kubeflow Pipelines API: %1 (named by the notebook; sent without credentials)',
                  record.kfpEndpoint
                )
              : trans.__(
                  'Kubeflow Pipelines API: %1 (configured on the server)',
                  record.kfpEndpoint
                )}
          </p>
        )}
        {record.notice && (
          <p className="jp-cellpipe-RunViewer-notice">{record.notice}</p>
        )}
        {record.error && (
          <RunMessage
            text={record.error}
            record={record}
            revealCell={props.revealCell}
            trans={trans}
          />
        )}
        {record.links
          .filter(link => /^https?:\/\//.test(link.url))
          .map(link => (
            <a
              key={link.url}
              href={link.url}
              target="_blank"
              rel="noopener noreferrer"
            >
              {link.label}
            </a>
          ))}
      </header>
      <div className="jp-cellpipe-RunViewer-body">
        <div className="jp-cellpipe-RunViewer-left">
          <StatusDag
            record={record}
            selected={model.selected}
            onSelect={name => model.select(name)}
            trans={trans}
          />
          <table className="jp-cellpipe-RunViewer-steps">
            <thead>
              <tr>
                <th>{trans.__('step')}</th>
                <th>{trans.__('status')}</th>
                <th>{trans.__('duration')}</th>
              </tr>
            </thead>
            <tbody>
              {record.steps.map(step => (
                <tr
                  key={step.name}
                  className={
                    model.selected === step.name ? 'jp-mod-selected' : ''
                  }
                  onClick={() => model.select(step.name)}
                >
                  <td>
                    <button
                      className="jp-cellpipe-link"
                      onClick={() => model.select(step.name)}
                    >
                      {step.name}
                    </button>
                    {step.cached && (
                      <span className="jp-cellpipe-marker">
                        {trans.__('cached')}
                      </span>
                    )}
                    {step.status === 'Skipped' && (
                      <span className="jp-cellpipe-marker">
                        {trans.__('skipped')}
                      </span>
                    )}
                    {(step.attempts ?? 1) > 1 && (
                      <span className="jp-cellpipe-marker">
                        {trans.__('%1 attempts', step.attempts)}
                      </span>
                    )}
                  </td>
                  <td>
                    <StatusChip status={step.status} />
                  </td>
                  <td>
                    {formatDuration(
                      durationSeconds(step.startedAt, step.finishedAt)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <MetricsTable record={record} trans={trans} />
          <RerunForm
            record={record}
            model={model}
            trans={trans}
            openRun={props.openRun}
          />
        </div>
        <LogPanel model={model} revealCell={props.revealCell} trans={trans} />
      </div>
    </div>
  );
}
