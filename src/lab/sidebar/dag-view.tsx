/**
 * The live DAG as SVG: coloured step boxes, arrows labelled with the variables passed, and a
 * dot on each step with its status in the notebook's latest run.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { CLASS } from './class-names';
import {
  DAG_METRICS,
  IDagEdge,
  IDagLayout,
  IDagNode,
  IPoint,
  labelWidth
} from './dag-model';
import { RunStatus } from '../../core/runs/record';
import { ZoomPane } from './zoom-pane';

export interface IDagViewProps {
  layout: IDagLayout;
  /** Steps that have an error diagnostic in one of their cells. */
  failing: ReadonlySet<string>;
  /** The layout is the previous one while a new one waits for typing to pause. */
  stale?: boolean;
  /** Each step's status in the notebook's latest run (a dot on the node). */
  statuses?: ReadonlyMap<string, RunStatus>;
  onSelect: (node: IDagNode) => void;
  trans: TranslationBundle;
}

function pathOf(points: IPoint[]): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
}

function edgeTitle(edge: IDagEdge, trans: TranslationBundle): string {
  return edge.variables.length
    ? trans.__('%1 → %2: %3', edge.from, edge.to, edge.variables.join(', '))
    : trans.__('%1 → %2 (prev: tag)', edge.from, edge.to);
}

function Edge(props: {
  edge: IDagEdge;
  trans: TranslationBundle;
}): JSX.Element {
  const { edge, trans } = props;
  return (
    <g className={CLASS.dagEdge} data-from={edge.from} data-to={edge.to}>
      <title>{edgeTitle(edge, trans)}</title>
      <path d={pathOf(edge.points)} markerEnd="url(#jp-cellpipe-arrow)" />
    </g>
  );
}

/** An edge's label on its own background, drawn after every line so that none crosses it. */
function EdgeLabel(props: {
  edge: IDagEdge;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { edge, trans } = props;
  if (!edge.label || !edge.labelAt) {
    return null;
  }
  const width = labelWidth(edge.label);
  const height = DAG_METRICS.labelHeight;
  return (
    <g className={CLASS.dagEdgeLabelGroup}>
      <title>{edgeTitle(edge, trans)}</title>
      <rect
        className={CLASS.dagEdgeLabelBack}
        x={edge.labelAt.x - width / 2}
        y={edge.labelAt.y - height / 2}
        width={width}
        height={height}
        rx={3}
      />
      <text
        className={CLASS.dagEdgeLabel}
        x={edge.labelAt.x}
        y={edge.labelAt.y}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {edge.label}
      </text>
    </g>
  );
}

function Node(props: {
  node: IDagNode;
  failing: boolean;
  status?: RunStatus;
  onSelect: (node: IDagNode) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { node, trans, status } = props;
  const select = () => props.onSelect(node);
  // Cells counted from 1, as JupyterLab counts them.
  const cell = node.firstCell + 1;
  return (
    <g
      className={`${CLASS.dagNode}${props.failing ? ` ${CLASS.dagNodeError}` : ''}`}
      data-step={node.name}
      data-status={status}
      role="button"
      tabIndex={0}
      aria-label={
        status
          ? trans.__('step %1, Cell %2, last run: %3', node.name, cell, status)
          : trans.__('step %1, Cell %2', node.name, cell)
      }
      onClick={select}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      }}
    >
      <title>
        {status
          ? trans.__(
              'step %1: Cell %2, last run: %3 (click to select it)',
              node.name,
              cell,
              status
            )
          : trans.__('step %1: Cell %2 (click to select it)', node.name, cell)}
      </title>
      <rect
        x={node.x - node.width / 2}
        y={node.y - node.height / 2}
        width={node.width}
        height={node.height}
        rx={6}
        style={{ fill: node.colour }}
      />
      <text
        x={node.x}
        y={node.y}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {node.name}
      </text>
      {status && (
        <circle
          className={`jp-cellpipe-Dag-status jp-mod-${status.toLowerCase()}`}
          cx={node.x + node.width / 2 - 1}
          cy={node.y - node.height / 2 + 1}
          r={5}
        />
      )}
    </g>
  );
}

function DagDrawing(props: IDagViewProps): JSX.Element {
  const { layout, trans } = props;
  if (!layout.nodes.length) {
    return (
      <p className={CLASS.empty}>
        {trans.__('No steps yet: tag a code cell step:NAME.')}
      </p>
    );
  }
  return (
    <ZoomPane
      width={layout.width}
      height={layout.height}
      className={`${CLASS.dagScroll}${props.stale ? ' jp-mod-stale' : ''}`}
      trans={trans}
    >
      {size => (
        <svg
          className={CLASS.dag}
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-label={trans.__('pipeline steps')}
        >
          <defs>
            <marker
              id="jp-cellpipe-arrow"
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
            <Edge key={`${edge.from}->${edge.to}`} edge={edge} trans={trans} />
          ))}
          {layout.edges.map(edge => (
            <EdgeLabel
              key={`${edge.from}->${edge.to}`}
              edge={edge}
              trans={trans}
            />
          ))}
          {layout.nodes.map(node => (
            <Node
              key={node.name}
              node={node}
              failing={props.failing.has(node.name)}
              status={props.statuses?.get(node.name)}
              onSelect={props.onSelect}
              trans={trans}
            />
          ))}
        </svg>
      )}
    </ZoomPane>
  );
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every(name => b.has(name));
}

function sameStatuses(
  a: ReadonlyMap<string, RunStatus> | undefined,
  b: ReadonlyMap<string, RunStatus> | undefined
): boolean {
  if (!a || !b) {
    return a === b;
  }
  return a.size === b.size && [...a].every(([name, s]) => b.get(name) === s);
}

/** Redrawn only when the layout or the failing steps change, not on every keystroke. */
export const DagView = React.memo(
  DagDrawing,
  (before, after) =>
    before.layout === after.layout &&
    before.stale === after.stale &&
    sameSet(before.failing, after.failing) &&
    sameStatuses(before.statuses, after.statuses) &&
    before.onSelect === after.onSelect &&
    before.trans === after.trans
);
