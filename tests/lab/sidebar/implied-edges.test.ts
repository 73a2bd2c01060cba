/**
 * A DAG whose first step feeds every other (each step reads the frame the first loads) is laid
 * out with the implied edges drawn in side lanes (implied-edges.ts): dagre gets the chain only.
 * Below the threshold, and for edges no other path implies, dagre lays out every edge as before.
 */
import { IDagStep, layoutDag } from '../../../src/lab/sidebar/dag-model';
import {
  impliedEdges,
  MAX_DUMMIES
} from '../../../src/lab/sidebar/implied-edges';

/** `count` steps, each reading the one before (`v`) and, with `shared`, the first's `df`. */
function steps(count: number, shared: boolean): IDagStep[] {
  return Array.from({ length: count }, (_, i) => {
    const after = i === 0 ? [] : [`s${i - 1}`];
    const inputs = i === 0 ? [] : [`v${i - 1}`];
    const producers: Record<string, string> = {};
    if (i > 0) {
      producers[`v${i - 1}`] = `s${i - 1}`;
    }
    if (shared && i > 1) {
      after.unshift('s0');
      inputs.unshift('df');
      producers.df = 's0';
    }
    return {
      name: `s${i}`,
      cells: [i + 1],
      after,
      inputs,
      outputs: [],
      producers
    };
  });
}

test('edges implied by a path are found only where the edges would cross more than MAX_DUMMIES ranks', () => {
  // the first step's edges to step k cross k - 1 ranks: 1 + 2 + ... for `count` steps
  const small = 40; // 741 ranks crossed
  expect((small * (small - 1)) / 2 - (small - 1)).toBeLessThan(MAX_DUMMIES);
  const edges = (count: number) =>
    steps(count, true).flatMap((step, to) =>
      step.after.map(before => ({ from: Number(before.slice(1)), to }))
    );
  expect(impliedEdges(small, edges(small)).size).toBe(0);
  const big = 120;
  const all = edges(big);
  const implied = impliedEdges(big, all);
  // s0 -> sk for k >= 2 is implied by the chain; the chain's edges are not
  expect([...implied].map(i => all[i]).sort((a, b) => a.to - b.to)).toEqual(
    Array.from({ length: big - 2 }, (_, k) => ({ from: 0, to: k + 2 }))
  );
  // an edge up the notebook (no ranking expects one): nothing implied
  expect(impliedEdges(3, [...edges(3), { from: 2, to: 0 }]).size).toBe(0);
});

test('a 300-step notebook whose steps all read the first one’s frame: every edge drawn, the implied ones right of the steps they pass', () => {
  const layout = layoutDag(steps(300, true));
  expect(layout.edges).toHaveLength(299 + 298);
  const at = new Map(layout.nodes.map(node => [node.name, node]));
  for (const edge of layout.edges) {
    expect(edge.points.length).toBeGreaterThanOrEqual(2);
    if (edge.from !== 's0' || edge.to === 's1') {
      continue;
    }
    const from = at.get(edge.from)!;
    const to = at.get(edge.to)!;
    const lane = edge.points[1].x;
    expect(edge.points[0]).toEqual({ x: from.x + from.width / 2, y: from.y });
    expect(edge.points[3]).toEqual({ x: to.x + to.width / 2, y: to.y });
    const passed = layout.nodes.filter(
      node => node.y >= from.y && node.y <= to.y
    );
    expect(lane).toBeGreaterThan(
      Math.max(...passed.map(node => node.x + node.width / 2))
    );
    expect(edge.labelAt.x).toBe(lane);
    expect(edge.label).toBe('df');
    expect(layout.width).toBeGreaterThan(lane);
  }
  // dagre had the chain alone: one column, top to bottom in notebook order
  const xs = new Set(layout.nodes.map(node => Math.round(node.x)));
  expect(xs.size).toBe(1);
});

test('a small DAG with an implied edge is laid out by dagre, that edge included', () => {
  const layout = layoutDag(steps(5, true));
  const implied = layout.edges.find(e => e.from === 's0' && e.to === 's4')!;
  // dagre's route goes around the steps between, not into a side lane at their right
  const right = Math.max(...layout.nodes.map(n => n.x + n.width / 2));
  expect(implied.points.every(p => p.x <= right + 1)).toBe(true);
});
