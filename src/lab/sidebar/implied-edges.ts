/**
 * Edges a path of other edges already implies (`load -> train` where `load -> prep -> train`),
 * for the DAG's layout. dagre lays out an edge that spans many ranks through one dummy node per
 * rank it crosses, and orders every rank's nodes and dummies again and again: a notebook whose
 * steps all read the frame its first step loads has edges from that step to every other, and
 * its layout took 0.65 s at 100 steps, 34 s at 500, and ran out of memory at 1,000
 * (bench/lab/layout.mjs). Where the edges would cross more than MAX_DUMMIES ranks in all, the
 * layout leaves the implied ones to dagre's care no more: it lays out the rest, and draws each
 * implied edge in a lane to the right of the steps it passes (`sideLaneRoute`).
 */
import type { IPoint } from './dag-model';

/** The ranks the edges may cross in all before the implied ones are laid out apart. */
export const MAX_DUMMIES = 1000;

/** One edge, by the indices of its steps in notebook order. */
export interface IEdgeIndices {
  from: number;
  to: number;
}

/**
 * The edges (indices into `edges`) that another path implies, or an empty set when dagre can lay
 * every edge out cheaply (or an edge goes up the notebook, which no ranking here expects).
 */
export function impliedEdges(
  count: number,
  edges: readonly IEdgeIndices[]
): Set<number> {
  const none = new Set<number>();
  const rank = new Int32Array(count);
  // by target: a step's rank is final before any edge leaves it (edges go down the notebook)
  for (const { from, to } of [...edges].sort((a, b) => a.to - b.to)) {
    if (from >= to) {
      return none;
    }
    rank[to] = Math.max(rank[to], rank[from] + 1);
  }
  let dummies = 0;
  for (const { from, to } of edges) {
    dummies += rank[to] - rank[from] - 1;
  }
  if (dummies <= MAX_DUMMIES) {
    return none;
  }
  // Each step's descendants, as bit sets, from the last step up.
  const words = (count + 31) >> 5;
  const below = new Uint32Array(count * words);
  const successors: number[][] = Array.from({ length: count }, () => []);
  for (const { from, to } of edges) {
    successors[from].push(to);
  }
  const has = (step: number, other: number) =>
    (below[step * words + (other >> 5)] & (1 << (other & 31))) !== 0;
  for (let step = count - 1; step >= 0; step--) {
    for (const next of successors[step]) {
      below[step * words + (next >> 5)] |= 1 << (next & 31);
      for (let w = 0; w < words; w++) {
        below[step * words + w] |= below[next * words + w];
      }
    }
  }
  const implied = new Set<number>();
  edges.forEach(({ from, to }, index) => {
    if (successors[from].some(next => next !== to && has(next, to))) {
      implied.add(index);
    }
  });
  return implied;
}

/** A box of the layout: its centre and size. */
interface IBox {
  x: number;
  y: number;
  width: number;
}

/** How far the lanes keep from the boxes, and from each other. */
const LANE_GAP = 14;
const LANE_STEP = 10;
/** Lanes side by side before they start over. */
const LANES = 6;

/**
 * An implied edge's route: out of the right side of `from`, down a lane to the right of every
 * box between the two (`boxes`), into the right side of `to`. Edges from one step share its
 * lane (`lane`, the step's place among the steps with such edges).
 */
export function sideLaneRoute(
  from: IBox,
  to: IBox,
  boxes: readonly IBox[],
  lane: number
): { points: IPoint[]; labelAt: IPoint } {
  const top = Math.min(from.y, to.y);
  const bottom = Math.max(from.y, to.y);
  let right = Math.max(from.x + from.width / 2, to.x + to.width / 2);
  for (const box of boxes) {
    if (box.y >= top && box.y <= bottom) {
      right = Math.max(right, box.x + box.width / 2);
    }
  }
  const x = right + LANE_GAP + LANE_STEP * (lane % LANES);
  const points = [
    { x: from.x + from.width / 2, y: from.y },
    { x, y: from.y },
    { x, y: to.y },
    { x: to.x + to.width / 2, y: to.y }
  ];
  return { points, labelAt: { x, y: (from.y + to.y) / 2 } };
}
