import {
  IAnalysisState,
  ILiveAnalysisOptions,
  LiveAnalysis,
  PERF
} from '../../../src/lab/sidebar/live-analysis';
import { FakeNotebook } from './fake-notebook';

/** A task scheduler the test runs by hand. */
class Frames {
  pending: (() => void)[] = [];
  schedule = (callback: () => void) => {
    this.pending.push(callback);
  };
  run(): void {
    const due = this.pending;
    this.pending = [];
    due.forEach(callback => callback());
  }
}

function follow(
  notebook: FakeNotebook,
  path = 'examples/fan-out.ipynb',
  options: ILiveAnalysisOptions = {}
) {
  const frames = new Frames();
  // Layouts count as fast unless a test says otherwise: whether one took more than 20 ms
  // depends on the machine's load, and would defer the layout these tests look at.
  const analysis = new LiveAnalysis({
    schedule: frames.schedule,
    slowLayoutMs: Infinity,
    ...options
  });
  const states: (IAnalysisState | null)[] = [];
  analysis.changed.connect((_, state) => states.push(state));
  analysis.setSource({
    model: notebook,
    path: () => path,
    changed: notebook.changed
  });
  return { analysis, frames, states };
}

describe('live analysis', () => {
  it('does no work while the panel is hidden, and catches up when shown', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    notebook.setSource(6, notebook.source(6) + '\n');
    expect(frames.pending).toHaveLength(0);
    expect(states).toHaveLength(0);

    analysis.active = true;
    frames.run();
    expect(states).toHaveLength(1);
    expect(states[0]!.ir.steps.map(s => s.name)).toContain('compare');
    expect(states[0]!.layout.nodes).toHaveLength(7);
  });

  it('analyses once per scheduled task however many edits came in', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    for (const suffix of ['a', 'b', 'c']) {
      notebook.setSource(6, notebook.source(6) + `\n# ${suffix}`);
    }
    expect(frames.pending).toHaveLength(1);
    frames.run();
    expect(states).toHaveLength(2);
  });

  it('by default analyses in a microtask, once for all the edits of one event, before any task', async () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const analysis = new LiveAnalysis({ slowLayoutMs: Infinity });
    const states: (IAnalysisState | null)[] = [];
    analysis.changed.connect((_, state) => states.push(state));
    analysis.active = true;
    analysis.setSource({
      model: notebook,
      path: () => 'examples/fan-out.ipynb',
      changed: notebook.changed
    });
    analysis.flush();
    let taskRan = false;
    setTimeout(() => (taskRan = true), 0);
    for (const suffix of ['a', 'b', 'c']) {
      notebook.setSource(6, notebook.source(6) + `\n# ${suffix}`);
    }
    // Nothing yet: the analysis waits until the code that made the edits has returned.
    expect(states).toHaveLength(1);
    // Its microtask was queued before this one, so it has run once this one resumes; no task
    // (the browser renders a frame between tasks) ran in between.
    await Promise.resolve();
    expect(states).toHaveLength(2);
    expect(states[1]!.parsedCells).toBe(1);
    expect(taskRan).toBe(false);
    analysis.dispose();
  });

  it('re-parses only the edited cell', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    notebook.setSource(8, notebook.source(8) + '\nunused = 1\n');
    frames.run();
    expect(states.at(-1)!.parsedCells).toBe(1);
  });

  it('keeps the layout while the edges stay the same, and lays out again when they change', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    const first = states.at(-1)!;
    expect(first.layoutReused).toBe(false);

    notebook.setSource(8, notebook.source(8) + '\n# a comment\n');
    frames.run();
    expect(states.at(-1)!.layoutReused).toBe(true);
    expect(states.at(-1)!.layout).toBe(first.layout);
    expect(states.at(-1)!.layoutMs).toBe(0);

    // compare stops reading svm_score: the svm -> compare edge goes.
    notebook.setSource(12, notebook.source(12).replace(/svm_score/g, '0'));
    frames.run();
    const last = states.at(-1)!;
    expect(last.layoutReused).toBe(false);
    expect(
      last.layout.edges.some(e => e.from === 'svm' && e.to === 'compare')
    ).toBe(false);
  });

  it('defers a slow layout until typing pauses, showing the previous one meanwhile', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const timers: { callback: () => void; ms: number; cancelled: boolean }[] =
      [];
    const { analysis, frames, states } = follow(notebook, undefined, {
      slowLayoutMs: -1, // every layout counts as slow
      delay: (callback, ms) => {
        const timer = { callback, ms, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      }
    });
    analysis.active = true;
    frames.run();
    const first = states.at(-1)!;
    expect(first.layoutStale).toBe(false); // the first layout is never deferred

    // Two keys that each change an edge: the DAG stays as it was, one layout is pending.
    notebook.setSource(12, notebook.source(12).replace(/svm_score/g, '0'));
    frames.run();
    notebook.setSource(12, notebook.source(12).replace(/knn_score/g, '0'));
    frames.run();
    expect(states.at(-1)!.layoutStale).toBe(true);
    expect(states.at(-1)!.layout).toBe(first.layout);
    expect(
      states.at(-1)!.ir.steps.find(s => s.name === 'compare')!.after
    ).not.toContain('svm');
    const pending = timers.filter(t => !t.cancelled);
    expect(pending).toHaveLength(1);
    expect(pending[0].ms).toBe(150);

    pending[0].callback();
    const last = states.at(-1)!;
    expect(last.layoutStale).toBe(false);
    const into = last.layout.edges
      .filter(e => e.to === 'compare')
      .map(e => e.from);
    expect(into.sort()).toEqual(['extra_trees', 'forest', 'mlp']);
  });

  it('shows an undefined name as a diagnostic at its cell and line, and drops it once fixed', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    const original = notebook.source(12);
    notebook.setSource(12, original + '\nprint(not_defined_anywhere)\n');
    frames.run();
    const found = states
      .at(-1)!
      .ir.diagnostics.find(d => d.code === 'undefined-name');
    expect(found).toMatchObject({ cell: 12, severity: expect.any(String) });
    expect(found!.message).toContain('not_defined_anywhere');
    expect(found!.line).toBe(original.split('\n').length + 1);

    notebook.setSource(12, original);
    frames.run();
    expect(
      states.at(-1)!.ir.diagnostics.filter(d => d.code === 'undefined-name')
    ).toEqual([]);
  });

  it('follows tag edits: a new step appears in the DAG', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    notebook.addCodeCell('best = max(forest_score, svm_score)\n', [
      'step:pick',
      'prev:compare'
    ]);
    frames.run();
    const layout = states.at(-1)!.layout;
    expect(layout.nodes.map(n => n.name)).toContain('pick');
    const into = layout.edges.filter(e => e.to === 'pick');
    expect(into.map(e => e.from).sort()).toEqual(['compare', 'forest', 'svm']);
  });

  it('follows a tag added to an existing cell (what the tag editors do)', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    notebook.addCodeCell('best = max(forest_score, svm_score)\n');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    expect(states.at(-1)!.layout.nodes.map(n => n.name)).not.toContain('pick');
    notebook.setTags(14, ['step:pick']);
    frames.run();
    expect(states.at(-1)!.layout.nodes.map(n => n.name)).toContain('pick');
  });

  it('measures edit -> DAG drawn once per edit', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames } = follow(notebook);
    analysis.active = true;
    frames.run();
    analysis.markDrawn();
    notebook.setSource(6, notebook.source(6) + '\n');
    frames.run();
    const millis = analysis.markDrawn();
    expect(millis).toEqual(expect.any(Number));
    expect(millis!).toBeGreaterThanOrEqual(0);
    expect(analysis.markDrawn()).toBeNull();
  });

  it('keeps the performance timeline bounded over a long session of typing', () => {
    performance.clearMarks();
    performance.clearMeasures();
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook, undefined, {
      slowLayoutMs: Infinity,
      keptMeasures: 5
    });
    analysis.active = true;
    frames.run();
    analysis.markDrawn();
    const counts: number[] = [];
    for (let key = 0; key < 12; key++) {
      notebook.setSource(6, notebook.source(6) + `\nx${key} = ${key}`);
      frames.run();
      expect(analysis.markDrawn()).toEqual(expect.any(Number));
      counts.push(
        performance.getEntriesByName(PERF.analysis, 'measure').length
      );
      expect(performance.getEntriesByName(PERF.analysed, 'mark')).toHaveLength(
        1
      );
    }
    expect(states).toHaveLength(13);
    // Each key's analysis says it parsed the one edited cell.
    const last = performance
      .getEntriesByName(PERF.analysis, 'measure')
      .at(-1) as PerformanceMeasure;
    expect(last.detail).toEqual({ parsedCells: 1 });
    // The first analysis (on opening) and each key's add one; every 5th clears them all.
    expect(counts).toEqual([2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3]);
    for (const name of [PERF.render, PERF.editToDag, PERF.wait]) {
      expect(
        performance.getEntriesByName(name, 'measure').length
      ).toBeLessThanOrEqual(5);
    }
  });

  it('stops following a notebook that is closed', () => {
    const notebook = FakeNotebook.fromFile('examples/fan-out.ipynb');
    const { analysis, frames, states } = follow(notebook);
    analysis.active = true;
    frames.run();
    analysis.setSource(null);
    expect(states.at(-1)).toBeNull();
    notebook.setSource(6, 'x = 1\n');
    expect(frames.pending).toHaveLength(0);
  });
});
