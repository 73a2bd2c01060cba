/**
 * The live DAG as SVG: coloured step boxes, arrows labelled with the variables passed, and a
 * dot on each step with its status in the notebook's latest run.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { CLASS } from './class-names';
import { IDagEdge, IDagLayout, IDagNode } from './dag-model';
import { RunStatus } from '../../core/runs/record';
import { DagDrawing, INodeLook } from '../dag-drawing';
import { cellNumber } from '../../core/cell-number';

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

function edgeTitle(edge: IDagEdge, trans: TranslationBundle): string {
  return edge.variables.length
    ? trans.__('%1 → %2: %3', edge.from, edge.to, edge.variables.join(', '))
    : trans.__('%1 → %2 (prev: tag)', edge.from, edge.to);
}

/** A step's box: its colour, an error outline, and a dot with its status in the latest run. */
function nodeLook(
  node: IDagNode,
  failing: boolean,
  status: RunStatus | undefined,
  trans: TranslationBundle
): INodeLook {
  const cell = cellNumber(node.firstCell);
  return {
    className: `${CLASS.dagNode}${failing ? ` ${CLASS.dagNodeError}` : ''}`,
    status,
    ariaLabel: status
      ? trans.__('step %1, Cell %2, last run: %3', node.name, cell, status)
      : trans.__('step %1, Cell %2', node.name, cell),
    title: status
      ? trans.__(
          'step %1: Cell %2, last run: %3 (click to select it)',
          node.name,
          cell,
          status
        )
      : trans.__('step %1: Cell %2 (click to select it)', node.name, cell),
    text: node.name,
    fill: node.colour,
    extra: status ? (
      <circle
        className={`jp-cellpipe-Dag-status jp-mod-${status.toLowerCase()}`}
        cx={node.x + node.width / 2 - 1}
        cy={node.y - node.height / 2 + 1}
        r={5}
      />
    ) : null
  };
}

const LABELS = {
  group: CLASS.dagEdgeLabelGroup,
  back: CLASS.dagEdgeLabelBack,
  text: CLASS.dagEdgeLabel
};

function LiveDag(props: IDagViewProps): JSX.Element {
  const { layout, trans } = props;
  if (!layout.nodes.length) {
    return <p className={CLASS.empty}>{trans.__('No steps drawn yet.')}</p>;
  }
  return (
    <DagDrawing
      layout={layout}
      scrollClassName={`${CLASS.dagScroll}${props.stale ? ' jp-mod-stale' : ''}`}
      svgClassName={CLASS.dag}
      ariaLabel={trans.__('pipeline steps')}
      markerId="jp-cellpipe-arrow"
      edgeClassName={CLASS.dagEdge}
      edgeTitle={edge => edgeTitle(edge, trans)}
      labels={LABELS}
      look={node =>
        nodeLook(
          node,
          props.failing.has(node.name),
          props.statuses?.get(node.name),
          trans
        )
      }
      onSelect={props.onSelect}
      trans={trans}
    />
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
  LiveDag,
  (before, after) =>
    before.layout === after.layout &&
    before.stale === after.stale &&
    sameSet(before.failing, after.failing) &&
    sameStatuses(before.statuses, after.statuses) &&
    before.onSelect === after.onSelect &&
    before.trans === after.trans
);
