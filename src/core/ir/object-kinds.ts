/**
 * Calls that change an object only where it is of a kind: a drawing changes a matplotlib figure
 * (analysis/figures.ts), `rng.sample()` or `fh.readline()` a random generator or an open file
 * (analysis/handles.ts). `ax.plot(x)` in a step after the one that made `fig, ax =
 * plt.subplots()` changes `ax` in place, so the step hands `ax` on as it does any name it
 * changes (design §3.2). What a called-on name is, is told by the cell that last binds it: an
 * earlier cell of the step, else one of the latest step before that binds it (a step in between
 * that only called on it, or changed it otherwise in place, binds nothing), else an imports or
 * functions cell. `df.plot()` draws on a new figure and leaves the frame as it was, and
 * `df.sample(5)` copies rows: a DataFrame is neither a figure nor a handle.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames, IFunctionSummary } from '../analysis/cell-names';
import { calledOnThroughCall } from './callee-called-on';

/** What a cell leaves a name bound to, where that decides which calls change it. */
export type ObjectKind = 'figure' | 'handle' | 'other';

/**
 * What each name is as the steps so far last bound it, kept up step by step while the pipeline
 * is built, so that a step looks its names up instead of going back over the steps before it (a
 * plotting step draws on its axes in many notebooks, on every key).
 */
export class ObjectKinds {
  private readonly kind = new Map<string, ObjectKind>();

  /** Takes in the bindings of `cells` (a step's, once it is built), in order. */
  add(
    cells: readonly number[],
    analysisOf: (cell: number) => ICellAnalysis
  ): void {
    for (let c = 0; c < cells.length; c++) {
      const { names } = analysisOf(cells[c]);
      const left = kindsLeftBy(names);
      left.forEach((kind, name) => this.kind.set(name, kind));
      for (const artist in names.artistsOf ?? {}) {
        // `im = ax.imshow(a)`, `ax` a figure's axes from before the cell: a part of that figure
        if (
          left.has(artist) &&
          this.kind.get(names.artistsOf![artist]) === 'figure'
        ) {
          this.kind.set(artist, 'figure');
        }
      }
      for (const item in names.items ?? {}) {
        // `figs = [fig1, fig2]`: a drawing through it (`for f in figs: f.suptitle(…)`) is on
        // the figures it holds (object-shares.ts takes them beside)
        if (this.kind.get(item) === 'figure') {
          for (const holder of names.items![item]) {
            if (left.has(holder)) {
              this.kind.set(holder, 'figure');
            }
          }
        }
      }
    }
  }

  /** What the steps so far left `name`; undefined where none bound it. */
  kindOf(name: string): ObjectKind | undefined {
    return this.kind.get(name);
  }
}

/**
 * The names the step's cells call on that are of `kind` where the step takes them from: drawn
 * on (ICellNames.drawnOn) and figures, or called a handle's method on (`rng.sample()`,
 * `fh.readline()`, ICellNames.handleCalls) and random generators or files; called themselves
 * (ICellNames.namedCalls) and methods bound to the object they change (`add = acc.append`); or
 * given to a call (`json.dump(d, fh)`, `style(ax)`, ICellNames.passedTo) and of that kind; or
 * called on so in the body of a function the step calls (`pick()`, IFunctionSummary.calledOn),
 * of a function it gives a call (`map(pick, rows)`), or of a method of an instance it calls one
 * on (`sampler.draw()`), as `summaryOf` finds them.
 */
export function calledOnKind(
  kind: 'figure' | 'handle',
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  before: ObjectKinds,
  sharedCells: readonly number[],
  summaryOf: (name: string) => IFunctionSummary | undefined
): string[] {
  const called: string[] = [];
  /** `called` as a set: a step may call on many names. */
  const seen = new Set<string>();
  const takeOne = (at: number, name: string): void => {
    if (seen.has(name)) {
      return;
    }
    const bound =
      lastKindLeft(cells, at, name, analysisOf) ??
      before.kindOf(name) ??
      lastKindLeft(sharedCells, sharedCells.length, name, analysisOf);
    if (bound === kind) {
      called.push(name);
      seen.add(name);
    }
  };
  const take = (at: number, names: readonly string[] | undefined): void => {
    names?.forEach(name => takeOne(at, name));
  };
  for (let at = 0; at < cells.length; at++) {
    const { names } = analysisOf(cells[at]);
    take(at, kind === 'figure' ? names.drawnOn : names.handleCalls);
    take(at, names.passedTo);
    // a function taken out of a table by a key or a loop, and called: `ops["pick"]()`, `for f
    // in fns: f()` (a read by a key or a loop is a handle's call: ICellNames.handleCalls)
    names.handleCalls?.forEach(name =>
      take(at, calledOnThroughCall(name, kind, summaryOf))
    );
    for (const call of names.namedCalls) {
      if (kind === 'handle') {
        // a method bound in a step before (`add = acc.append`), called here: `add(7)`
        takeOne(at, call.name);
      }
      take(at, calledOnThroughCall(call.name, kind, summaryOf));
    }
    // a function given to a call, which may call it: `map(pick, rows)`, `df.apply(score)`
    names.passedTo?.forEach(name =>
      take(at, calledOnThroughCall(name, kind, summaryOf))
    );
    // `s.draw()` on an instance from before whose class's methods call on globals
    const { receiverCalls } = names;
    for (const method in receiverCalls) {
      for (const receiver of receiverCalls[method]) {
        take(at, calledOnThroughCall(receiver, kind, summaryOf));
      }
    }
  }
  return called;
}

/** What the last of `cells` before index `end` that binds `name` leaves it (kindsLeftBy), or null. */
function lastKindLeft(
  cells: readonly number[],
  end: number,
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): ObjectKind | null {
  for (let i = end - 1; i >= 0; i--) {
    const kind = kindsLeftBy(analysisOf(cells[i]).names).get(name);
    if (kind !== undefined) {
      return kind;
    }
  }
  return null;
}

/**
 * What the cell leaves each name it binds, made once per cell analysis (an unchanged cell keeps
 * its analysis from key to key): a name it only changes in place (`fig.label = "a"`) is left
 * out, since that leaves it the object it was, and so is a name bound again to its own value
 * rearranged (`axes = axes.flatten()`, ICellNames.rearrangedAgain), which leaves it the kind it
 * was. Sets, not lists, so that a cell binding many names costs time in proportion to them.
 */
export function kindsLeftBy(
  names: ICellNames
): ReadonlyMap<string, ObjectKind> {
  let kinds = kindsOfCell.get(names);
  if (kinds) {
    return kinds;
  }
  kinds = new Map();
  let keptKind: Set<string> | null = null;
  if (names.mutations.length) {
    keptKind = new Set(names.mutations);
    names.reboundAndChanged?.forEach(name => keptKind!.delete(name));
  }
  if (names.rearrangedAgain) {
    keptKind ??= new Set();
    names.rearrangedAgain.forEach(name => keptKind!.add(name));
  }
  const figures = names.figures ? new Set(names.figures) : null;
  const handles = names.handles ? new Set(names.handles) : null;
  for (const name of names.writes) {
    if (!keptKind?.has(name)) {
      kinds.set(
        name,
        figures?.has(name) ? 'figure' : handles?.has(name) ? 'handle' : 'other'
      );
    }
  }
  kindsOfCell.set(names, kinds);
  return kinds;
}

const kindsOfCell = new WeakMap<ICellNames, Map<string, ObjectKind>>();
