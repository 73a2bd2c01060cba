/**
 * The SVG drawing of a laid-out DAG, shared by the sidebar's live DAG and the run viewer's DAG:
 * the zoom pane (fit, zoom, pan), the arrow marker, the edges with their optional labels, and one
 * clickable, keyboard-selectable box per step. What a box looks like (its classes, title, text,
 * colour, a status dot) is the caller's.
 *
 * The DAG is one stop in the page's Tab order, however many steps it has (a roving tabindex):
 * Tab enters it at the step last focused (at first, the first step) and the next Tab leaves it.
 * Inside, the keyboard reaches every step, drawn or not (a long DAG draws only what is in view):
 * the arrow keys go to the next and previous step in the layout's order, Home and End to the
 * first and last; Enter and Space select. A step that gets the focus is scrolled into view and
 * stays drawn while it is the DAG's stop (see stepAfterKey and visiblePart).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useMemo, useRef, useState } from 'react';
import {
  DAG_CULL_MIN_NODES,
  DAG_METRICS,
  IDagEdge,
  IDagLayout,
  IDagNode,
  IPoint,
  labelWidth,
  nodeBox,
  stepAfterKey,
  visiblePart
} from './sidebar/dag-model';
import { ZoomPane } from './sidebar/zoom-pane';

/** How one step's box is drawn. */
export interface INodeLook {
  className: string;
  /** data-status (none: no attribute). */
  status?: string;
  ariaLabel?: string;
  title: string;
  text: string;
  /** The box's fill (none: the stylesheet's). */
  fill?: string;
  /** Drawn over the box (e.g. a status dot). */
  extra?: JSX.Element | null;
}

export interface IDagDrawingProps {
  layout: IDagLayout;
  /** Classes of the zoom pane's scrolling box. */
  scrollClassName: string;
  /** Fit the drawing whole where it stays readable (see ZoomPane's fitWhole). */
  fitWhole?: boolean;
  svgClassName: string;
  ariaLabel: string;
  /** The arrow marker's id (unique in the page for each kind of drawing). */
  markerId: string;
  edgeClassName: string;
  /** An edge's tooltip (none: no tooltip). */
  edgeTitle?: (edge: IDagEdge) => string;
  /** Classes of the edge labels (none: edges carry no labels). */
  labels?: { group: string; back: string; text: string };
  look: (node: IDagNode) => INodeLook;
  onSelect: (node: IDagNode) => void;
  trans: TranslationBundle;
}

export function pathOf(points: IPoint[]): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
}

/** An edge's label on its own background, drawn after every line so that none crosses it. */
function EdgeLabel(props: {
  edge: IDagEdge;
  title?: string;
  classes: { group: string; back: string; text: string };
}): JSX.Element | null {
  const { edge, classes } = props;
  if (!edge.label || !edge.labelAt) {
    return null;
  }
  const width = labelWidth(edge.label);
  const height = DAG_METRICS.labelHeight;
  return (
    <g className={classes.group}>
      {props.title !== undefined && <title>{props.title}</title>}
      <rect
        className={classes.back}
        x={edge.labelAt.x - width / 2}
        y={edge.labelAt.y - height / 2}
        width={width}
        height={height}
        rx={3}
      />
      <text
        className={classes.text}
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

/** The drawn box of step `name` in `svg`, if it is drawn. */
function stepElement(
  svg: SVGSVGElement | null,
  name: string
): SVGGElement | null {
  for (const element of svg?.querySelectorAll<SVGGElement>('[data-step]') ??
    []) {
    if (element.getAttribute('data-step') === name) {
      return element;
    }
  }
  return null;
}

function Node(props: {
  node: IDagNode;
  look: INodeLook;
  /** The DAG's one stop in the Tab order (every other step is reached by the arrow keys). */
  tabStop: boolean;
  onSelect: (node: IDagNode) => void;
  /** Moves the focus for a key other than Enter and Space (true: the key was used). */
  onKey: (node: IDagNode, event: React.KeyboardEvent) => boolean;
  /** `keyboard`: the focus came from the keyboard (:focus-visible), not a click. */
  onFocus: (node: IDagNode, keyboard: boolean) => void;
}): JSX.Element {
  const { node, look } = props;
  const select = () => props.onSelect(node);
  return (
    <g
      className={look.className}
      data-step={node.name}
      data-status={look.status}
      role="button"
      tabIndex={props.tabStop ? 0 : -1}
      aria-label={look.ariaLabel}
      onClick={select}
      onFocus={event =>
        props.onFocus(node, event.currentTarget.matches(':focus-visible'))
      }
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        } else if (props.onKey(node, event)) {
          event.preventDefault();
        }
      }}
    >
      <title>{look.title}</title>
      <rect
        x={node.x - node.width / 2}
        y={node.y - node.height / 2}
        width={node.width}
        height={node.height}
        rx={6}
        style={look.fill ? { fill: look.fill } : undefined}
      />
      <text
        x={node.x}
        y={node.y}
        textAnchor="middle"
        dominantBaseline="central"
      >
        {look.text}
      </text>
      {look.extra}
    </g>
  );
}

export function DagDrawing(props: IDagDrawingProps): JSX.Element {
  const { layout, trans, labels, edgeTitle } = props;
  const key = (edge: IDagEdge) => `${edge.from}->${edge.to}`;
  // A long DAG draws only what is in view (and one view's height around it): see
  // DAG_CULL_MIN_NODES. data-nodes and data-edges count the whole graph.
  const cull = layout.nodes.length >= DAG_CULL_MIN_NODES;
  const order = useMemo(
    () => new Map(layout.nodes.map((node, i) => [node.name, i])),
    [layout]
  );
  const svg = useRef<SVGSVGElement>(null);
  // The step that last had the focus, or is about to get it: the DAG's stop in the Tab order,
  // drawn even out of view (after the focus leaves the DAG it stays drawn, one box more, so that
  // Tab comes back to it). While no step has had the focus, or after that step is gone from the
  // layout, the stop is the first step.
  const [focused, setFocused] = useState<string | null>(null);
  const tabStop =
    focused !== null && order.has(focused)
      ? focused
      : (layout.nodes[0]?.name ?? null);
  // A step the keyboard moved to before it was drawn: focused once it is.
  const focusWhenDrawn = useRef<string | null>(null);
  useEffect(() => {
    const name = focusWhenDrawn.current;
    if (name !== null) {
      focusWhenDrawn.current = null;
      stepElement(svg.current, name)?.focus({ preventScroll: true });
    }
  });
  const keep = tabStop !== null ? [tabStop] : [];
  return (
    <ZoomPane
      width={layout.width}
      height={layout.height}
      className={props.scrollClassName}
      fitWhole={props.fitWhole}
      trans={trans}
      trackVisible={cull}
    >
      {(size, visible, pane) => {
        const margin = visible ? visible.y1 - visible.y0 : 0;
        const { nodes, edges } = visiblePart(layout, visible, margin, keep);
        const onFocus = (node: IDagNode, keyboard: boolean) => {
          setFocused(node.name);
          // Tab into the DAG shows the whole box; a click does not move what is under the pointer.
          if (keyboard) {
            pane.reveal(nodeBox(node));
          }
        };
        const onKey = (node: IDagNode, event: React.KeyboardEvent) => {
          const to = stepAfterKey(
            layout.nodes.length,
            order.get(node.name) ?? -1,
            event
          );
          if (to === null) {
            return false;
          }
          const next = layout.nodes[to];
          // Scrolled first: the drawing around the step follows in the same render.
          pane.reveal(nodeBox(next));
          const element = stepElement(svg.current, next.name);
          if (element) {
            element.focus({ preventScroll: true });
          } else {
            focusWhenDrawn.current = next.name;
            setFocused(next.name);
          }
          return true;
        };
        return (
          <svg
            ref={svg}
            className={props.svgClassName}
            width={size.width}
            height={size.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            role="group"
            aria-label={trans._n(
              '%2: %1 step',
              '%2: %1 steps',
              layout.nodes.length,
              props.ariaLabel
            )}
            data-nodes={layout.nodes.length}
            data-edges={layout.edges.length}
            data-drawn-nodes={nodes.length}
          >
            <defs>
              <marker
                id={props.markerId}
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
            {edges.map(edge => (
              <g
                key={key(edge)}
                className={props.edgeClassName}
                data-from={edge.from}
                data-to={edge.to}
              >
                {edgeTitle && <title>{edgeTitle(edge)}</title>}
                <path
                  d={pathOf(edge.points)}
                  markerEnd={`url(#${props.markerId})`}
                />
              </g>
            ))}
            {labels &&
              edges.map(edge => (
                <EdgeLabel
                  key={key(edge)}
                  edge={edge}
                  title={edgeTitle?.(edge)}
                  classes={labels}
                />
              ))}
            {nodes.map(node => (
              <Node
                key={node.name}
                node={node}
                look={props.look(node)}
                tabStop={node.name === tabStop}
                onSelect={props.onSelect}
                onKey={onKey}
                onFocus={onFocus}
              />
            ))}
          </svg>
        );
      }}
    </ZoomPane>
  );
}
