/**
 * The DAG the sidebar draws: steps as nodes, edges labelled with the variables passed, laid out
 * top to bottom with dagre. Pure data in, pure data out, so tests need no DOM.
 */
import * as dagre from '@dagrejs/dagre';
import { stepColours } from '../step-colour';
import { IDrawingRect } from './drawing-rect';
import { IEdgeIndices, impliedEdges, sideLaneRoute } from './implied-edges';

/** What the DAG needs of a step: the `analyze` summary's fields, plus producers when known. */
export interface IDagStep {
  name: string;
  cells: number[];
  after: string[];
  inputs: string[];
  outputs: string[];
  /** For each input, the step it is loaded from (the IR has it; the summary does not). */
  producers?: Record<string, string>;
}

export interface IPoint {
  x: number;
  y: number;
}

export interface IDagNode {
  name: string;
  /** The step's first cell (0-based), which a click selects. */
  firstCell: number;
  colour: string;
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface IDagEdge {
  from: string;
  to: string;
  /** The variables the `to` step loads from the `from` step (empty for a bare `prev:` edge). */
  variables: string[];
  label: string;
  points: IPoint[];
  /** Where the label goes (the middle of the edge). */
  labelAt: IPoint;
}

export interface IDagLayout {
  nodes: IDagNode[];
  edges: IDagEdge[];
  width: number;
  height: number;
}

/** Box metrics, in SVG user units (pixels at 100 %). */
export const DAG_METRICS = {
  charWidth: 7,
  nodePadding: 24,
  nodeHeight: 30,
  minNodeWidth: 60,
  labelCharWidth: 6,
  labelHeight: 14,
  maxLabelChars: 16,
  /** Room left and right of a label's text, inside its background. */
  labelPadding: 3
} as const;

/** The variables `step` takes from `from`. */
export function variablesPassed(step: IDagStep, from: IDagStep): string[] {
  if (step.producers) {
    return step.inputs.filter(name => step.producers?.[name] === from.name);
  }
  return step.inputs.filter(name => from.outputs.includes(name));
}

/**
 * The label drawn on an edge: the variable, or the first one and how many more (the full list
 * is in the edge's tooltip). Short, so that a fan-out still fits a sidebar.
 */
export function edgeLabel(variables: string[]): string {
  if (!variables.length) {
    return '';
  }
  const more = variables.length > 1 ? ` +${variables.length - 1}` : '';
  const room = DAG_METRICS.maxLabelChars - more.length;
  const first =
    variables[0].length <= room
      ? variables[0]
      : variables[0].slice(0, Math.max(1, room - 1)) + '…';
  return first + more;
}

/** The width of an edge label's background (0 for no label). */
export function labelWidth(label: string): number {
  return label
    ? label.length * DAG_METRICS.labelCharWidth + 2 * DAG_METRICS.labelPadding
    : 0;
}

export function nodeWidth(name: string): number {
  return Math.max(
    DAG_METRICS.minNodeWidth,
    name.length * DAG_METRICS.charWidth + DAG_METRICS.nodePadding
  );
}

/**
 * What the drawing depends on: names, first cells and edges with their variables. Equal keys
 * give equal layouts, so most keystrokes (which change no edge) skip the layout.
 *
 * Built on every keystroke, so it is one string made by concatenation, with no arrays per step:
 * each name is written as its length and the name, which no name can imitate, so two keys are
 * equal exactly when the steps' names, first cells and edges (with their variables) are. A
 * step of the IR (it names the producer of each input) has its part of the key kept with it:
 * the lab's analysis hands back the same step object while the step is unchanged
 * (`core/ir/steps-reusing.ts`), so a key mostly joins parts made before.
 */
export function dagKey(steps: IDagStep[]): string {
  let byName: Map<string, IDagStep> | null = null;
  let key = '';
  for (const step of steps) {
    if (step.producers) {
      let part = STEP_KEYS.get(step);
      if (part === undefined) {
        part = stepKey(step, null);
        STEP_KEYS.set(step, part);
      }
      key += part;
      continue;
    }
    if (byName === null) {
      byName = new Map<string, IDagStep>();
      for (const named of steps) {
        byName.set(named.name, named);
      }
    }
    key += stepKey(step, byName);
  }
  return key;
}

/** Each IR step's part of the DAG key (IR steps are not changed once built). */
const STEP_KEYS = new WeakMap<IDagStep, string>();

/**
 * One step's part of the key. An edge carries the inputs loaded from the step it comes from:
 * those the step's `producers` give it, else (a run's summary names no producers) those among
 * the earlier step's outputs, which need the steps by name.
 */
function stepKey(
  step: IDagStep,
  byName: ReadonlyMap<string, IDagStep> | null
): string {
  let key = `S${step.name.length}:${step.name}@${firstCellOf(step)}`;
  for (const before of step.after) {
    key += `A${before.length}:${before}`;
    const producers = step.producers;
    const from = producers ? null : byName?.get(before);
    if (!producers && !from) {
      continue;
    }
    for (const name of step.inputs) {
      const passed = producers
        ? producers[name] === before
        : from!.outputs.includes(name);
      if (passed) {
        key += `V${name.length}:${name}`;
      }
    }
  }
  return key;
}

/** The step's first cell (the smallest index), or -1 for a step with no cells. */
function firstCellOf(step: IDagStep): number {
  if (!step.cells.length) {
    return -1;
  }
  let first = step.cells[0];
  for (const cell of step.cells) {
    first = cell < first ? cell : first;
  }
  return first;
}

/** The space around the drawing. */
const DAG_MARGIN = 8;

/**
 * Lays the steps out. Edges to unknown steps (a stale `prev:`) are left out: a diagnostic says so.
 * `extraWidth` widens every box (the run viewer's boxes also hold a cached marker), so that the
 * layout keeps its gaps between the boxes as drawn.
 */
export function layoutDag(
  steps: IDagStep[],
  options: { extraWidth?: number } = {}
): IDagLayout {
  const extraWidth = options.extraWidth ?? 0;
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({
    rankdir: 'TB',
    nodesep: 16,
    ranksep: 36,
    edgesep: 12,
    marginx: DAG_MARGIN,
    marginy: DAG_MARGIN
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const byName = new Map(steps.map(step => [step.name, step]));
  for (const step of steps) {
    graph.setNode(step.name, {
      width: nodeWidth(step.name) + extraWidth,
      height: DAG_METRICS.nodeHeight
    });
  }
  const edges: Omit<IDagEdge, 'points' | 'labelAt'>[] = [];
  const indexOf = new Map(steps.map((step, index) => [step.name, index]));
  const byIndex: IEdgeIndices[] = [];
  for (const step of steps) {
    for (const before of step.after) {
      const from = byName.get(before);
      if (!from || before === step.name) {
        continue;
      }
      const variables = variablesPassed(step, from);
      const label = edgeLabel(variables);
      edges.push({ from: before, to: step.name, variables, label });
      byIndex.push({ from: indexOf.get(before)!, to: indexOf.get(step.name)! });
    }
  }
  const implied = impliedEdges(steps.length, byIndex);
  edges.forEach((edge, index) => {
    if (implied.has(index)) {
      return; // drawn in a lane of its own after the layout
    }
    // dagre keeps room for the label on its edge; the view draws labels over every line,
    // on their own background, so no line crosses a label.
    graph.setEdge(edge.from, edge.to, {
      label: edge.label,
      width: labelWidth(edge.label),
      height: edge.label ? DAG_METRICS.labelHeight : 0,
      labelpos: 'c'
    });
  });
  dagre.layout(graph);
  const colours = stepColours(steps.map(step => step.name));
  const nodes = steps.map(step => {
    const laid = graph.node(step.name);
    return {
      name: step.name,
      firstCell: firstCellOf(step),
      colour: colours.get(step.name) as string,
      x: laid.x,
      y: laid.y,
      width: laid.width,
      height: laid.height
    };
  });
  /** Each step with implied edges from it: its lane. */
  const lanes = new Map<string, number>();
  const size = graph.graph();
  let width = size.width ?? 0;
  const laidEdges = edges.map((edge, index) => {
    if (implied.has(index)) {
      const lane =
        lanes.get(edge.from) ??
        lanes.set(edge.from, lanes.size).get(edge.from)!;
      const from = graph.node(edge.from);
      const to = graph.node(edge.to);
      const route = sideLaneRoute(from, to, nodes, lane);
      width = Math.max(
        width,
        route.labelAt.x + labelWidth(edge.label) / 2 + DAG_MARGIN
      );
      return { ...edge, ...route };
    }
    const laid = graph.edge(edge.from, edge.to);
    const points = (laid.points ?? []).map(p => ({ x: p.x, y: p.y }));
    const labelAt =
      laid.x !== undefined && laid.y !== undefined
        ? { x: laid.x, y: laid.y }
        : points[Math.floor(points.length / 2)];
    return { ...edge, points, labelAt };
  });
  return {
    nodes,
    edges: laidEdges,
    width,
    height: size.height ?? 0
  };
}

/**
 * From this many steps on, a drawing shows only what reaches into the visible part of its box
 * (and a margin around it). Every element of an SVG on screen costs the browser time in each
 * frame, even when React leaves it alone: at 1,000 cells a 999-step DAG made the frame after
 * each keystroke 24 ms later (bench/README.md).
 */
export const DAG_CULL_MIN_NODES = 300;

/** A step's box (its layout gives its centre and size). */
export function nodeBox(node: IDagNode): IDrawingRect {
  return {
    x0: node.x - node.width / 2,
    y0: node.y - node.height / 2,
    x1: node.x + node.width / 2,
    y1: node.y + node.height / 2
  };
}

/** Whether the box of `a` and `b` overlap. */
function overlaps(a: IDrawingRect, b: IDrawingRect): boolean {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

function edgeBox(edge: IDagEdge): IDrawingRect | null {
  const points = edge.labelAt ? [...edge.points, edge.labelAt] : edge.points;
  if (!points.length) {
    return null;
  }
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of points) {
    box.x0 = Math.min(box.x0, p.x);
    box.y0 = Math.min(box.y0, p.y);
    box.x1 = Math.max(box.x1, p.x);
    box.y1 = Math.max(box.y1, p.y);
  }
  // Room for the label's background around its centre.
  const half = labelWidth(edge.label) / 2;
  return {
    x0: box.x0 - half,
    y0: box.y0 - DAG_METRICS.labelHeight,
    x1: box.x1 + half,
    y1: box.y1 + DAG_METRICS.labelHeight
  };
}

/**
 * The nodes and edges of `layout` to draw when `view` (the visible part, in drawing units) is
 * shown: those that reach into it, grown by `margin` on every side. A layout of fewer than
 * `minNodes` steps, or no view yet, is drawn whole. An edge is kept when the box around its
 * points and label reaches into the view, so a long edge crossing the view is drawn.
 *
 * The steps named in `keep` are drawn wherever they are (the keyboard needs them: the step
 * where Tab and Shift+Tab enter the DAG, which is also the one last focused).
 * Nodes keep the layout's order, the order the arrow keys go through them.
 */
export function visiblePart(
  layout: IDagLayout,
  view: IDrawingRect | null,
  margin: number,
  keep: readonly string[] = [],
  minNodes = DAG_CULL_MIN_NODES
): { nodes: IDagNode[]; edges: IDagEdge[] } {
  if (!view || layout.nodes.length < minNodes) {
    return { nodes: layout.nodes, edges: layout.edges };
  }
  const shown = {
    x0: view.x0 - margin,
    y0: view.y0 - margin,
    x1: view.x1 + margin,
    y1: view.y1 + margin
  };
  const nodes = layout.nodes.filter(
    node => keep.includes(node.name) || overlaps(shown, nodeBox(node))
  );
  const edges = layout.edges.filter(edge => {
    const box = edgeBox(edge);
    return box !== null && overlaps(shown, box);
  });
  return { nodes, edges };
}

/** A key pressed on a step of the DAG (the fields of a KeyboardEvent it looks at). */
export interface IDagKey {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * Where the focus goes from the step at `index` of `count` (in the layout's order, the order of
 * the steps in the notebook) when `key` is pressed on it: the index of the step to focus (the
 * same index: the key is used up, nothing moves), or null when the key is not the DAG's and the
 * browser does what it does by default.
 *
 * The DAG is one stop of the Tab order, however many steps it has (a roving tabindex, as in
 * WAI-ARIA's composite widgets): Tab and Shift+Tab are the browser's and leave the DAG.
 * ArrowDown and ArrowRight go to the next step, ArrowUp and ArrowLeft to the previous one, Home
 * and End to the first and the last.
 */
export function stepAfterKey(
  count: number,
  index: number,
  key: IDagKey
): number | null {
  if (count <= 0 || index < 0 || index >= count) {
    return null;
  }
  if (key.ctrlKey || key.altKey || key.metaKey) {
    return null;
  }
  const last = count - 1;
  switch (key.key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(last, index + 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
