import { readFileSync } from 'node:fs';
import { analyzeNotebookText } from '../../../src/core/analyze';
import {
  DAG_METRICS,
  edgeLabel,
  IDagLayout,
  IDagStep,
  labelWidth,
  layoutDag,
  nodeBox,
  stepAfterKey,
  variablesPassed,
  visiblePart
} from '../../../src/lab/sidebar/dag-model';
import {
  stepColour,
  stepColours,
  STEP_PALETTE
} from '../../../src/lab/step-colour';

function layoutOf(path: string): IDagLayout {
  const ir = analyzeNotebookText(readFileSync(path, 'utf8'), path);
  return layoutDag(ir.steps);
}

interface IBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlap(a: IBox, b: IBox): boolean {
  return (
    Math.abs(a.x - b.x) < (a.width + b.width) / 2 &&
    Math.abs(a.y - b.y) < (a.height + b.height) / 2
  );
}

describe('DAG model', () => {
  // analysed once the parser has loaded (tests/support/python-parser.ts), not while collecting
  let fanOut: IDagLayout;
  beforeAll(() => {
    fanOut = layoutOf('examples/fan-out.ipynb');
  });

  it('has one node per step, each selecting its first cell', () => {
    expect(fanOut.nodes.map(n => [n.name, n.firstCell])).toEqual([
      ['split', 4],
      ['forest', 6],
      ['extra_trees', 7],
      ['svm', 8],
      ['mlp', 9],
      ['knn', 10],
      ['compare', 12]
    ]);
  });

  it('labels each edge with the variables passed along it', () => {
    const edges = Object.fromEntries(
      fanOut.edges.map(e => [`${e.from}->${e.to}`, e.variables])
    );
    expect(edges['split->forest']).toEqual([
      'x_test',
      'x_train',
      'y_test',
      'y_train'
    ]);
    expect(edges['forest->compare']).toEqual(['forest_score']);
    expect(Object.keys(edges)).toHaveLength(10);
  });

  it('lays the graph out top to bottom without overlaps, inside its box', () => {
    const byName = new Map(fanOut.nodes.map(n => [n.name, n]));
    for (const edge of fanOut.edges) {
      expect(byName.get(edge.from)!.y).toBeLessThan(byName.get(edge.to)!.y);
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
    }
    for (const a of fanOut.nodes) {
      expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width / 2).toBeLessThanOrEqual(fanOut.width);
      expect(a.y + a.height / 2).toBeLessThanOrEqual(fanOut.height);
      for (const b of fanOut.nodes) {
        if (a !== b) {
          expect(overlap(a, b)).toBe(false);
        }
      }
    }
  });

  it('widens every box by extraWidth and keeps the gaps between the boxes (the run viewer)', () => {
    const ir = analyzeNotebookText(
      readFileSync('examples/fan-out.ipynb', 'utf8'),
      'fan-out.ipynb'
    );
    const wide = layoutDag(ir.steps, { extraWidth: 16 });
    const models = ['forest', 'extra_trees', 'svm', 'mlp', 'knn'];
    const row = wide.nodes
      .filter(n => models.includes(n.name))
      .sort((a, b) => a.x - b.x);
    expect(row).toHaveLength(5);
    for (const node of wide.nodes) {
      const narrow = fanOut.nodes.find(n => n.name === node.name)!;
      expect(node.width).toBe(narrow.width + 16);
      // Inside the drawing with its margin, so no stroke is cut at the edge.
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(8);
      expect(node.x + node.width / 2).toBeLessThanOrEqual(wide.width - 8);
    }
    // The five model boxes side by side, each at least the layout's 16 units from the next.
    for (let i = 1; i < row.length; i++) {
      const gap =
        row[i].x - row[i].width / 2 - (row[i - 1].x + row[i - 1].width / 2);
      expect(gap).toBeGreaterThanOrEqual(16);
    }
  });

  it('colours every step from its name, the same way every time, no two alike', () => {
    const again = layoutOf('examples/fan-out.ipynb');
    expect(fanOut.nodes.length).toBeGreaterThan(1);
    for (const node of fanOut.nodes) {
      expect(STEP_PALETTE).toContain(node.colour);
      expect(again.nodes.find(n => n.name === node.name)?.colour).toBe(
        node.colour
      );
    }
    // knn, mlp and compare hash to the same colour alone (issue 15): here they differ.
    expect(stepColour('knn')).toBe(stepColour('mlp'));
    expect(new Set(fanOut.nodes.map(n => n.colour)).size).toBe(
      fanOut.nodes.length
    );
  });

  it('step colours do not depend on the order of the names, and repeat only past the palette', () => {
    const names = ['knn', 'mlp', 'compare', 'split', 'forest', 'svm'];
    const forward = stepColours(names);
    const backward = stepColours([...names].reverse());
    for (const name of names) {
      expect(backward.get(name)).toBe(forward.get(name));
    }
    expect(new Set(forward.values()).size).toBe(names.length);
    const many = Array.from(
      { length: STEP_PALETTE.length + 3 },
      (_, i) => `step_${i}`
    );
    const colours = stepColours(many);
    expect(new Set(colours.values()).size).toBe(STEP_PALETTE.length);
    // A name keeps the colour it has alone when nothing before it took that colour.
    const lone = stepColours(['knn']);
    expect(lone.get('knn')).toBe(stepColour('knn'));
  });

  it('keeps room for each edge label: inside the drawing, clear of every step and other label', () => {
    const layouts = [
      fanOut,
      layoutOf('examples/linear-chain.ipynb'),
      layoutOf('examples/parameters-and-metrics.ipynb')
    ];
    let labels = 0;
    for (const layout of layouts) {
      const boxes = layout.edges
        .filter(e => e.label)
        .map(edge => ({
          name: edge.label,
          x: edge.labelAt.x,
          y: edge.labelAt.y,
          width: labelWidth(edge.label),
          height: DAG_METRICS.labelHeight
        }));
      labels += boxes.length;
      for (const box of boxes) {
        expect(box.x - box.width / 2).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width / 2).toBeLessThanOrEqual(layout.width);
        for (const other of [...layout.nodes, ...boxes]) {
          if (other !== box) {
            expect({
              label: box.name,
              other: other.name,
              overlap: overlap(box, other)
            }).toEqual({
              label: box.name,
              other: other.name,
              overlap: false
            });
          }
        }
      }
    }
    expect(labels).toBeGreaterThan(5);
  });

  it('draws a bare prev: edge without a label and leaves out edges to unknown steps', () => {
    const layout = layoutDag([
      { name: 'a', cells: [0], after: [], inputs: [], outputs: [] },
      { name: 'b', cells: [1], after: ['a', 'ghost'], inputs: [], outputs: [] }
    ]);
    expect(layout.edges).toHaveLength(1);
    expect(layout.edges[0]).toMatchObject({ from: 'a', to: 'b', label: '' });
  });

  it('uses producers, when given, over matching output names', () => {
    const first = {
      name: 'a',
      cells: [0],
      after: [],
      inputs: [],
      outputs: ['x']
    };
    const second = {
      name: 'b',
      cells: [1],
      after: ['a'],
      inputs: [],
      outputs: ['x']
    };
    const third = {
      name: 'c',
      cells: [2],
      after: ['a', 'b'],
      inputs: ['x'],
      outputs: [],
      producers: { x: 'b' }
    };
    expect(variablesPassed(third, first)).toEqual([]);
    expect(variablesPassed(third, second)).toEqual(['x']);
  });

  it.each([
    [[], ''],
    [['df'], 'df'],
    [['a', 'b'], 'a +1'],
    [['x_test', 'x_train', 'y_test', 'y_train'], 'x_test +3'],
    [['a_very_long_variable_name'], 'a_very_long_var…'],
    [['a_very_long_variable_name', 'b'], 'a_very_long_… +1']
  ])('labels %j as %j', (variables, label) => {
    expect(edgeLabel(variables)).toBe(label);
    expect(edgeLabel(variables).length).toBeLessThanOrEqual(16);
  });
});

describe('the visible part of a long DAG', () => {
  // A chain of 400 steps, each reading the previous one: one column, top to bottom.
  const chain: IDagStep[] = Array.from({ length: 400 }, (_, i) => ({
    name: `s${i}`,
    cells: [i],
    after: i ? [`s${i - 1}`] : [],
    inputs: i ? [`v${i - 1}`] : [],
    outputs: [`v${i}`]
  }));
  const layout = layoutDag(chain);
  /** The band of the view across the whole width, as high as `node`'s box. */
  const rowOf = (node: { y: number; height: number }) => ({
    x0: 0,
    y0: node.y - node.height / 2,
    x1: layout.width,
    y1: node.y + node.height / 2
  });

  it("gives a step's box from its centre and size", () => {
    const third = layout.nodes[3];
    expect(nodeBox({ ...third, x: 100, y: 50, width: 80, height: 30 })).toEqual(
      { x0: 60, y0: 35, x1: 140, y1: 65 }
    );
  });

  it('draws a small DAG, or one whose view is not known yet, whole', () => {
    const small = layoutDag(chain.slice(0, 10));
    const view = { x0: 0, y0: 0, x1: 10, y1: 10 };
    expect(visiblePart(small, view, 0).nodes).toHaveLength(10);
    expect(visiblePart(layout, null, 0).nodes).toHaveLength(400);
    expect(visiblePart(layout, null, 0).edges).toHaveLength(399);
  });

  it('draws the steps and edges that reach into the view and its margin', () => {
    const third = layout.nodes[3];
    const view = rowOf(third);
    const alone = visiblePart(layout, view, 0);
    expect(alone.nodes.map(n => n.name)).toEqual(['s3']);
    // The edges into and out of s3 reach into the view; none further away does.
    expect(alone.edges.map(e => `${e.from}->${e.to}`).sort()).toEqual([
      's2->s3',
      's3->s4'
    ]);
    const rank = layout.nodes[4].y - third.y;
    const around = visiblePart(layout, view, rank);
    expect(around.nodes.map(n => n.name)).toEqual(['s2', 's3', 's4']);
    const bottom = visiblePart(
      layout,
      { x0: 0, y0: layout.height - 1, x1: layout.width, y1: layout.height },
      0
    );
    expect(bottom.nodes.map(n => n.name)).toEqual([]);
  });

  it('always draws the steps the keyboard needs, in the layout order, and nothing else for them', () => {
    const third = layout.nodes[3];
    const view = rowOf(third);
    const kept = visiblePart(layout, view, 0, ['s399', 's0', 's250']);
    expect(kept.nodes.map(n => n.name)).toEqual(['s0', 's3', 's250', 's399']);
    // Edges are still only those in view: a kept step far away is drawn alone.
    expect(kept.edges.map(e => `${e.from}->${e.to}`).sort()).toEqual([
      's2->s3',
      's3->s4'
    ]);
    // Unknown names change nothing; a DAG drawn whole is drawn whole.
    expect(visiblePart(layout, view, 0, ['gone']).nodes).toHaveLength(1);
    expect(visiblePart(layout, null, 0, ['s5']).nodes).toHaveLength(400);
  });
});

describe('stepAfterKey: the arrow keys go through the steps in order', () => {
  it('leaves Tab and Shift+Tab to the browser, from any step: the DAG is one Tab stop', () => {
    for (const index of [0, 1, 500, 997, 998]) {
      expect(stepAfterKey(999, index, { key: 'Tab' })).toBeNull();
    }
    expect(stepAfterKey(1, 0, { key: 'Tab' })).toBeNull();
  });

  it('walks every step once with the arrow keys, forwards and backwards', () => {
    const count = 7;
    const walk = (from: number, key: string) => {
      const seen = [from];
      for (;;) {
        const at = stepAfterKey(count, seen[seen.length - 1], { key });
        if (at === null || at === seen[seen.length - 1]) {
          return seen;
        }
        seen.push(at);
      }
    };
    expect(walk(0, 'ArrowDown')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(walk(0, 'ArrowRight')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(walk(6, 'ArrowUp')).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(walk(6, 'ArrowLeft')).toEqual([6, 5, 4, 3, 2, 1, 0]);
  });

  it('arrow keys move one step and stop at the ends; Home and End jump', () => {
    expect(stepAfterKey(10, 4, { key: 'ArrowDown' })).toBe(5);
    expect(stepAfterKey(10, 4, { key: 'ArrowRight' })).toBe(5);
    expect(stepAfterKey(10, 4, { key: 'ArrowUp' })).toBe(3);
    expect(stepAfterKey(10, 4, { key: 'ArrowLeft' })).toBe(3);
    expect(stepAfterKey(10, 9, { key: 'ArrowDown' })).toBe(9);
    expect(stepAfterKey(10, 0, { key: 'ArrowUp' })).toBe(0);
    expect(stepAfterKey(10, 4, { key: 'Home' })).toBe(0);
    expect(stepAfterKey(10, 4, { key: 'End' })).toBe(9);
  });

  it('leaves other keys, modified keys and unknown steps to the browser', () => {
    expect(stepAfterKey(10, 4, { key: 'a' })).toBeNull();
    expect(stepAfterKey(10, 4, { key: 'Enter' })).toBeNull();
    expect(stepAfterKey(10, 4, { key: 'Tab', ctrlKey: true })).toBeNull();
    expect(stepAfterKey(10, 4, { key: 'ArrowDown', altKey: true })).toBeNull();
    expect(stepAfterKey(10, 4, { key: 'End', metaKey: true })).toBeNull();
    expect(stepAfterKey(10, -1, { key: 'ArrowDown' })).toBeNull();
    expect(stepAfterKey(0, 0, { key: 'Home' })).toBeNull();
  });
});
