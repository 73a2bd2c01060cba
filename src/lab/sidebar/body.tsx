/** The sidebar's React body: Compile and run, the DAG, diagnostics, runs, settings. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { PathExt } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useCallback, useLayoutEffect } from 'react';
import { IDiagnostic } from '../../core/ir/diagnostic';
import { IRunRecord, RunStatus } from '../../core/runs/record';
import { CLASS } from './class-names';
import { DagView } from './dag-view';
import { IDagNode } from './dag-model';
import { DiagnosticsView } from './diagnostics-view';
import { NoStepsYet } from './no-steps';
import { revealCell } from './navigate';
import { cellNumber } from '../../core/cell-number';
import { CellPlaceText } from '../cell-place-text';
import { RunButton } from './run-button';
import { RunsView } from './runs-view';
import { SettingsForm } from './settings-form';
import { SidebarModel } from './sidebar-model';
import { useSignal } from './use-signal';

export interface ISidebarBodyProps {
  model: SidebarModel;
  shell: JupyterFrontEnd.IShell;
  openRunViewer: (id: string) => void;
  /** Opens the Pipeline step panel (the tagging plugin's). */
  openStepPanel: () => void;
  trans: TranslationBundle;
}

function Section(props: {
  title: string;
  name: string;
  children: React.ReactNode;
}): JSX.Element {
  return (
    <section className={CLASS.section} data-section={props.name}>
      <h3 className={CLASS.sectionTitle}>{props.title}</h3>
      {props.children}
    </section>
  );
}

/** Steps with an error in one of their cells. */
function failingSteps(
  steps: { name: string; cells: number[] }[],
  diagnostics: IDiagnostic[]
): Set<string> {
  const errorCells = new Set(
    diagnostics.filter(d => d.severity === 'error').map(d => d.cell)
  );
  return new Set(
    steps.filter(s => s.cells.some(c => errorCells.has(c))).map(s => s.name)
  );
}

/** Each step's status in the newest run that has step records (the list is newest first). */
function latestStatuses(
  runs: readonly IRunRecord[]
): ReadonlyMap<string, RunStatus> | undefined {
  const run = runs.find(r => r.steps.length > 0);
  return run ? new Map(run.steps.map(s => [s.name, s.status])) : undefined;
}

export function SidebarBody(props: ISidebarBodyProps): JSX.Element {
  const { model, trans } = props;
  useSignal(model.notebookChanged);
  useSignal(model.analysis.changed);
  useSignal(model.runs.changed);
  useSignal(model.actions.changed);
  const panel = model.notebook;
  const state = model.analysis.state;
  // Measures edit -> DAG and diagnostics on screen. (An effect returns its cleanup, so
  // markDrawn's result must not be returned.)
  useLayoutEffect(() => {
    model.analysis.markDrawn();
  }, [state]);
  const selectNode = useCallback(
    (node: IDagNode) => {
      if (panel && node.firstCell >= 0) {
        void revealCell(props.shell, panel, node.firstCell);
      }
    },
    [panel, props.shell]
  );
  const title = <h2 className={CLASS.heading}>{trans.__('Pipeline')}</h2>;
  if (!panel) {
    return (
      <div className={CLASS.panel}>
        {title}
        <p className={CLASS.empty}>
          {trans.__('Open a notebook to see its pipeline.')}
        </p>
      </div>
    );
  }
  const ir = state?.ir;
  const message = model.actions.messageNow({
    path: panel.context.path,
    runs: model.runs.runs,
    errorCount: ir?.diagnostics.filter(d => d.severity === 'error').length ?? 0,
    analysed: ir !== undefined
  });
  const selectDiagnostic = (d: IDiagnostic) => {
    if (d.cell === null) {
      return;
    }
    if (d.code === 'untagged-cell') {
      // The fix is the cell's role: the cell is selected and the step panel shows it.
      void revealCell(props.shell, panel, d.cell).then(props.openStepPanel);
    } else {
      void revealCell(props.shell, panel, d.cell, d.line, d.column);
    }
  };
  return (
    <div className={CLASS.panel}>
      {title}
      <div className={CLASS.toolbar}>
        <strong title={panel.context.path}>
          {ir?.pipeline.name ?? panel.context.path}
        </strong>
        <RunButton
          busy={model.actions.busy}
          onRun={() => void model.actions.compileAndRun()}
          onCompile={() => void model.actions.compileOnly()}
          onExport={() => void model.actions.exportYaml()}
          trans={trans}
        />
      </div>
      {message && (
        <div
          className={`${CLASS.message} jp-mod-${message.kind}`}
          role="status"
        >
          <p>
            {message.text}
            {message.place && ' '}
            {message.place && (
              <button
                className="jp-cellpipe-Run-link"
                onClick={() => {
                  const place = message.place;
                  if (place) {
                    void revealCell(props.shell, panel, place.cell, place.line);
                  }
                }}
              >
                {message.place.line === undefined
                  ? trans.__('Go to cell %1', cellNumber(message.place.cell))
                  : trans.__(
                      'Go to cell %1, line %2',
                      cellNumber(message.place.cell),
                      message.place.line
                    )}
              </button>
            )}
            {message.undo && (
              <button
                className="jp-cellpipe-undo jp-mod-styled"
                onClick={message.undo}
              >
                {trans.__('Undo')}
              </button>
            )}
          </p>
          {message.details.length > 0 && (
            <ul>
              {message.details.map(line => (
                <li key={line}>
                  <CellPlaceText
                    text={line}
                    notebookName={PathExt.basename(panel.context.path)}
                    onRevealCell={(cell, at) =>
                      void revealCell(props.shell, panel, cell, at)
                    }
                    trans={trans}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Section title={trans.__('Steps')} name="dag">
        {!state || !ir ? (
          <p className={CLASS.empty}>{trans.__('Analysing…')}</p>
        ) : ir.steps.length === 0 ? (
          <NoStepsYet
            onTagByHeadings={() => model.actions.tagByHeadings()}
            onOpenStepPanel={props.openStepPanel}
            diagnostics={ir.diagnostics}
            trans={trans}
          />
        ) : (
          <DagView
            layout={state.layout}
            stale={state.layoutStale}
            statuses={latestStatuses(model.runs.runs)}
            failing={failingSteps(ir.steps, ir.diagnostics)}
            onSelect={selectNode}
            trans={trans}
          />
        )}
      </Section>
      <Section
        title={trans.__('Diagnostics (%1)', ir?.diagnostics.length ?? 0)}
        name="diagnostics"
      >
        <DiagnosticsView
          diagnostics={ir?.diagnostics ?? []}
          onSelect={selectDiagnostic}
          trans={trans}
        />
      </Section>
      <RunsSection
        model={model}
        shell={props.shell}
        openRunViewer={props.openRunViewer}
        trans={trans}
      />
      <SettingsSection model={model} trans={trans} />
    </div>
  );
}

interface ISectionProps {
  model: SidebarModel;
  trans: TranslationBundle;
}

/**
 * The runs list. A section of its own, memoised, that follows the runs: the body re-renders on
 * every keystroke's analysis, and this part does not depend on it.
 */
const RunsSection = React.memo(function RunsSection(
  props: ISectionProps & {
    shell: JupyterFrontEnd.IShell;
    openRunViewer: (id: string) => void;
  }
): JSX.Element {
  const { model, trans } = props;
  useSignal(model.runs.changed);
  useSignal(model.notebookChanged);
  return (
    <Section title={trans.__('Runs')} name="runs">
      <RunsView
        runs={model.runs.runs}
        error={model.runs.error}
        now={Date.now()}
        onCancel={id =>
          void model.runs
            .cancel(id)
            .catch(error => model.runs.reportError((error as Error).message))
        }
        onOpenLocal={props.openRunViewer}
        notebookName={PathExt.basename(model.notebook?.context.path ?? '')}
        onRevealCell={(cell, line) => {
          if (model.notebook) {
            void revealCell(props.shell, model.notebook, cell, line);
          }
        }}
        trans={trans}
      />
    </Section>
  );
});

/** The settings form: like the runs, it follows its own model, not the keystrokes. */
const SettingsSection = React.memo(function SettingsSection(
  props: ISectionProps
): JSX.Element {
  const { model, trans } = props;
  useSignal(model.settings.changed);
  return (
    <details className={CLASS.section} data-section="settings">
      <summary className={CLASS.sectionTitle}>
        {trans.__('Pipeline settings')}
        {model.settings.resolved.weakenings.length > 0 && (
          <span className={CLASS.weakening}>
            {' '}
            {trans.__(
              '(%1 security weakenings)',
              model.settings.resolved.weakenings.length
            )}
          </span>
        )}
      </summary>
      <SettingsForm
        model={model.settings}
        onSave={() => model.saveSettings()}
        onDiscard={() => model.discardSettings()}
        trans={trans}
      />
    </details>
  );
});
