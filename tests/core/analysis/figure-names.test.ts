/** The names a cell binds to matplotlib figures (ICellNames.figures) and draws on (drawnOn). */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

const namesOf = (lines: string[]) =>
  analyzeCellSource(lines.join('\n') + '\n').names;

test('figures: made by pyplot, a figure, pandas or seaborn, unpacked at any depth, and axes taken from them', () => {
  const { figures, parts } = namesOf([
    'fig, (left, right) = plt.subplots(1, 2)',
    'single = plt.figure()',
    'inner = single.add_subplot(1, 1, 1)',
    'grid = sns.FacetGrid(df, col="day")',
    'bars = df.plot(kind="bar")',
    'fig2, axes = plt.subplots(2)',
    'first = axes[0]',
    'frame = pd.DataFrame()',
    'rows = frame[0]'
  ]);
  expect(figures).toEqual([
    'fig',
    'left',
    'right',
    'single',
    'inner',
    'grid',
    'bars',
    'fig2',
    'axes',
    'first'
  ]);
  expect(parts).toMatchObject({
    left: ['fig'],
    right: ['fig'],
    inner: ['single'],
    axes: ['fig2'],
    first: ['axes', 'fig2']
  });
});

test('figures: a name bound again to anything else is no figure; one changed in place still is', () => {
  const { figures } = namesOf([
    'fig = plt.figure()',
    'fig = load()',
    'ax = plt.gca()',
    'ax.plot([1])',
    'kept = plt.figure()',
    'kept.suptitle("s")'
  ]);
  expect(figures).toEqual(['ax', 'kept']);
});

test('drawnOn: receivers of drawing methods by their root name, axes given as ax=, once each, in order', () => {
  const { drawnOn, mutations } = namesOf([
    'ax.plot(x)',
    'axes[1].set_title("t")',
    'fig.axes[0].scatter(x, y)',
    'sns.histplot(df, ax=side)',
    'df.plot(ax=panels[0])',
    'ax.legend()',
    'df.plot.bar()'
  ]);
  // a call's arguments first: `panels` (ax=) before the `df` it is called on
  expect(drawnOn).toEqual(['ax', 'axes', 'fig', 'side', 'panels', 'df']);
  // a draw is no mutation in the cell: the IR decides by the binding (ir/object-kinds.ts)
  expect(mutations).toEqual([]);
});

test('drawnOn: not in a function body (it draws when called), nor on a name local to it; none at all without a draw', () => {
  expect(
    namesOf([
      'def show(values, target):',
      '    target.plot(values)',
      '    ax.plot(values)',
      'lambda: ax.plot(1)'
    ]).drawnOn
  ).toBeUndefined();
  expect(namesOf(['total = sum(values)']).drawnOn).toBeUndefined();
  expect(namesOf(['total = sum(values)']).figures).toBeUndefined();
});

test('drawnOn: in a lambda given to a call, which may call it at once (`map(lambda …)`)', () => {
  expect(
    namesOf(['done = list(map(lambda v: ax.plot(v), rows))']).drawnOn
  ).toEqual(['ax']);
  expect(
    namesOf(['keyed = sorted(rows, key=lambda r: side.plot(r) or r)']).drawnOn
  ).toEqual(['side']);
});

test('drawnOn: through what a name stands for in the cell: a loop over axes (flat, ravel(), enumerate, zip), a comprehension, a part or an alias', () => {
  expect(
    namesOf([
      'for i, ax in enumerate(axes.flat):',
      '    ax.set_title(i)',
      'for panel, column in zip(grid_axes.ravel(), columns):',
      '    sns.histplot(df[column], ax=panel)',
      '[a.plot(1) for a in more_axes.flatten()]',
      'first = fig.axes[0]',
      'first.plot(1)',
      'same = other_ax',
      'same.grid(True)'
    ]).drawnOn
  ).toEqual([
    'ax',
    'axes',
    'panel',
    'grid_axes',
    'columns',
    'more_axes',
    'first',
    'fig',
    'same',
    'other_ax'
  ]);
});
