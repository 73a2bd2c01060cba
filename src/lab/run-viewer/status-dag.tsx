/** The run's DAG with each step coloured by its status (laid out and drawn like the sidebar's). */
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useMemo } from 'react';
import { IRunRecord } from '../../core/runs/record';
import { DagDrawing } from '../dag-drawing';
import { IDagStep, layoutDag } from '../sidebar/dag-model';

export interface IStatusDagProps {
  record: IRunRecord;
  selected: string | null;
  onSelect: (step: string) => void;
  trans: TranslationBundle;
}

function dagSteps(record: IRunRecord): IDagStep[] {
  return record.steps.map(step => ({
    name: step.name,
    cells: [],
    after: step.after ?? [],
    inputs: [],
    outputs: []
  }));
}

export function StatusDag(props: IStatusDagProps): JSX.Element {
  const { record, trans } = props;
  const shape = record.steps
    .map(s => `${s.name}<${(s.after ?? []).join(',')}`)
    .join(';');
  // Boxes 16 units wider than the sidebar's: room for the cached marker (⟲).
  const layout = useMemo(
    () => layoutDag(dagSteps(record), { extraWidth: 16 }),
    [shape]
  );
  const statusOf = new Map(record.steps.map(s => [s.name, s]));
  return (
    <DagDrawing
      layout={layout}
      scrollClassName="jp-cellpipe-RunViewer-dagScroll"
      fitWhole
      svgClassName="jp-cellpipe-RunViewer-dag"
      ariaLabel={trans.__('run steps by status')}
      markerId="jp-cellpipe-run-arrow"
      edgeClassName="jp-cellpipe-RunViewer-edge"
      look={node => {
        const step = statusOf.get(node.name);
        const status = step?.status ?? 'Pending';
        return {
          className:
            `jp-cellpipe-RunViewer-node jp-mod-${status.toLowerCase()}` +
            (props.selected === node.name ? ' jp-mod-selected' : ''),
          status,
          title: trans.__('%1: %2', node.name, status),
          text: node.name + (step?.cached ? ' ⟲' : '')
        };
      }}
      onSelect={node => props.onSelect(node.name)}
      trans={trans}
    />
  );
}
