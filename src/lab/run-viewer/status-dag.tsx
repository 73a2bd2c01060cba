/** The run's DAG with each step coloured by its status (laid out like the sidebar's). */
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useMemo } from 'react';
import { IRunRecord } from '../../core/runs/record';
import { IDagStep, layoutDag } from '../sidebar/dag-model';
import { ZoomPane } from '../sidebar/zoom-pane';

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
  const layout = useMemo(() => layoutDag(dagSteps(record)), [shape]);
  const statusOf = new Map(record.steps.map(s => [s.name, s]));
  return (
    <ZoomPane
      width={layout.width}
      height={layout.height}
      className="jp-cellpipe-RunViewer-dagScroll"
      trans={trans}
    >
      {size => (
        <svg
          className="jp-cellpipe-RunViewer-dag"
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={trans.__('run steps by status')}
        >
          <defs>
            <marker
              id="jp-cellpipe-run-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          </defs>
          {layout.edges.map(edge => (
            <path
              key={`${edge.from}->${edge.to}`}
              className="jp-cellpipe-RunViewer-edge"
              d={edge.points
                .map(
                  (p, i) =>
                    `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`
                )
                .join(' ')}
              markerEnd="url(#jp-cellpipe-run-arrow)"
            />
          ))}
          {layout.nodes.map(node => {
            const step = statusOf.get(node.name);
            const status = step?.status ?? 'Pending';
            const marker = step?.cached ? ' ⟲' : '';
            return (
              <g
                key={node.name}
                className={
                  `jp-cellpipe-RunViewer-node jp-mod-${status.toLowerCase()}` +
                  (props.selected === node.name ? ' jp-mod-selected' : '')
                }
                data-step={node.name}
                data-status={status}
                role="button"
                tabIndex={0}
                onClick={() => props.onSelect(node.name)}
                onKeyDown={event => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    props.onSelect(node.name);
                  }
                }}
              >
                <title>{trans.__('%1: %2', node.name, status)}</title>
                <rect
                  x={node.x - node.width / 2 - 8}
                  y={node.y - node.height / 2}
                  width={node.width + 16}
                  height={node.height}
                  rx={6}
                />
                <text
                  x={node.x}
                  y={node.y}
                  textAnchor="middle"
                  dominantBaseline="central"
                >
                  {node.name + marker}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </ZoomPane>
  );
}
