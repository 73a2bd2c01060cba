/**
 * Matplotlib figures drawn on across steps. `fig, ax = plt.subplots()` in one step and
 * `ax.plot(x)` in a later one: top to bottom the drawing lands in `fig`, but steps hand each
 * name on as a value of its own, so a step after that which saves `fig` saves it as it was.
 *
 * The walker records the names a cell binds to a figure or its axes (ICellNames.figures) and
 * the names it draws on (ICellNames.drawnOn). A draw changes its object only where that object
 * is a figure, which the IR tells by the binding the step takes the name from
 * (ir/object-kinds.ts): the same methods on a DataFrame (`df.plot()`, `df.hist()`) draw on a
 * new figure and leave the frame as it was, and counting them as changes would make every
 * plotting step the producer of the frame it plots.
 */

/**
 * seaborn's axes-level functions that draw on the axes given as `ax=`, else on pyplot's current
 * axes, and give those axes (`boxplot` and `violinplot`, which pyplot has too, left out).
 */
const SEABORN_AXES_PLOTS = [
  'histplot',
  'kdeplot',
  'ecdfplot',
  'barplot',
  'countplot',
  'boxenplot',
  'stripplot',
  'swarmplot',
  'pointplot',
  'scatterplot',
  'lineplot',
  'regplot',
  'residplot',
  'heatmap'
];

/** seaborn's grids and figure-level functions: each makes a figure of its own. */
const SEABORN_FIGURES = [
  'clustermap',
  'FacetGrid',
  'PairGrid',
  'JointGrid',
  'relplot',
  'displot',
  'catplot',
  'lmplot',
  'pairplot',
  'jointplot'
];

/**
 * Calls whose value is a figure, its axes, or a seaborn grid, by the called name:
 * `plt.figure()`, `plt.subplots()` (a figure and its axes), `fig.add_subplot()`, `plt.gca()`,
 * `df.plot()` and seaborn's axes-level functions (the axes drawn on), `sns.FacetGrid()`.
 */
export const FIGURE_MAKERS: ReadonlySet<string> = new Set([
  'figure',
  'subplots',
  'subplot',
  'subplot_mosaic',
  'subplot2grid',
  'axes',
  'gca',
  'gcf',
  'get_figure',
  'add_subplot',
  'add_axes',
  'inset_axes',
  'twinx',
  'twiny',
  'plot',
  'boxplot',
  'violinplot',
  ...SEABORN_AXES_PLOTS,
  ...SEABORN_FIGURES
]);

/**
 * Methods whose value is a part of their receiver's figure: `ax = fig.add_subplot(1, 1, 1)`
 * leaves `ax` a part of `fig`, as `fig, ax = plt.subplots()` does, and `ax2 = ax.twinx()` a
 * part of `ax`'s figure; `fig = ax.get_figure()` is that figure. (On a figure of the cell,
 * PARTS_OF_CURRENT_FIGURE are too: `ax = fig.gca()`.)
 */
export const FIGURE_PARTS: ReadonlySet<string> = new Set([
  'add_subplot',
  'add_axes',
  'subplots',
  'subplot_mosaic',
  'inset_axes',
  'twinx',
  'twiny',
  'get_figure'
]);

/**
 * The plots of pandas' plot accessor, whose value is the axes drawn on (`ax = df.plot.bar()`,
 * `ax = df["x"].plot.hist()`), as `df.plot()` gives.
 */
export const PANDAS_PLOT_KINDS: ReadonlySet<string> = new Set([
  'line',
  'bar',
  'barh',
  'hist',
  'box',
  'kde',
  'density',
  'area',
  'pie',
  'scatter',
  'hexbin'
]);

/** The name of pandas' plot accessor (`df.plot.bar()`), and of its plain call (`df.plot()`). */
export const PANDAS_PLOT_ACCESSOR = 'plot';

/**
 * Methods of axes whose value is an artist they draw, kept in the axes (`im = ax.imshow(a)`,
 * `line, = ax.plot(x)`, `bars = ax.bar(k, v)`): a part of the axes' figure, as the axes are, so
 * that `fig.colorbar(im)` or `im.set_clim(0, 1)` in a later step changes the figure the step
 * takes beside it. Those giving a tuple of arrays and artists (`hist`, `pie`) are left out.
 * Each draws on its axes too (FIGURE_DRAWS).
 */
const AXES_ARTIST_PLOTS = [
  'plot',
  'scatter',
  'bar',
  'barh',
  'imshow',
  'matshow',
  'pcolor',
  'pcolormesh',
  'contour',
  'contourf',
  'hexbin',
  'fill_between',
  'fill_betweenx',
  'errorbar',
  'stem',
  'step',
  'stairs',
  'hlines',
  'vlines',
  'axhline',
  'axvline',
  'axhspan',
  'axvspan',
  'axline',
  'text',
  'annotate',
  'quiver'
];

/**
 * Methods of axes or a figure whose value is an artist they keep, set up rather than plotted:
 * a title or an axis label (`t = ax.set_title('a')`), a legend (`leg = ax.legend()`), a
 * figure's own text (`t = fig.suptitle('a')`), a colour bar (`cbar = fig.colorbar(im)`). A
 * later step that changes one (`cbar.set_label('units')`) changes the figure. Each but
 * `get_legend` draws on its receiver too (FIGURE_DRAWS).
 */
const KEPT_ARTIST_SETTERS = [
  'set_title',
  'set_xlabel',
  'set_ylabel',
  'legend',
  'get_legend',
  'suptitle',
  'supxlabel',
  'supylabel',
  'colorbar'
];

/** The calls whose value is an artist drawn or kept in a figure (a part of that figure). */
export const ARTIST_MAKERS: ReadonlySet<string> = new Set([
  ...AXES_ARTIST_PLOTS,
  ...KEPT_ARTIST_SETTERS
]);

/** The axes method whose value is the counts, the bin edges and the bars drawn, in that order. */
export const HISTOGRAM = 'hist';

/** The axes method whose value is the wedges and the texts drawn (and the percentages). */
export const PIE = 'pie';

/**
 * Of the targets bound to what `called` (ARTIST_MAKERS, HISTOGRAM, PIE) gives, those that are
 * artists drawn: `im = ax.imshow(a)`, `line, = ax.plot(x)`, the bars of `counts, edges, bars =
 * ax.hist(x)`, each list of `wedges, texts = ax.pie(x)`; none where no target is one (`a, b =
 * ax.plot(x, y, x, z)`, `h = ax.hist(x)`).
 */
export function drawnArtists<T>(called: string, targets: readonly T[]): T[] {
  if (called === HISTOGRAM) {
    return targets.length === 3 ? [targets[2]] : [];
  }
  if (called === PIE) {
    return targets.length === 2 || targets.length === 3 ? [...targets] : [];
  }
  return targets.length === 1 ? [targets[0]] : [];
}

/**
 * Methods that draw on a figure, its axes or a seaborn grid, or set them up: what the figure
 * shows or saves afterwards differs.
 */
export const FIGURE_DRAWS: ReadonlySet<string> = new Set([
  // Axes: plotting
  ...AXES_ARTIST_PLOTS,
  'hist',
  'hist2d',
  'boxplot',
  'violinplot',
  'fill',
  'stackplot',
  'pie',
  'streamplot',
  'eventplot',
  'loglog',
  'semilogx',
  'semilogy',
  'table',
  'bar_label',
  'clabel',
  'legend',
  'grid',
  // Axes: set-up
  'set',
  'set_title',
  'set_xlabel',
  'set_ylabel',
  'set_xlim',
  'set_ylim',
  'set_xscale',
  'set_yscale',
  'set_xticks',
  'set_yticks',
  'set_xticklabels',
  'set_yticklabels',
  'set_aspect',
  'set_facecolor',
  'set_axis_off',
  'set_axis_on',
  'axis',
  'invert_xaxis',
  'invert_yaxis',
  'tick_params',
  'margins',
  'autoscale',
  'label_outer',
  // Figure
  'suptitle',
  'supxlabel',
  'supylabel',
  'colorbar',
  'tight_layout',
  'subplots_adjust',
  'set_size_inches',
  'set_dpi',
  'add_subplot',
  'add_axes',
  'figimage',
  'align_labels',
  // seaborn grids
  'map',
  'map_dataframe',
  'map_diag',
  'map_offdiag',
  'map_upper',
  'map_lower',
  'plot_joint',
  'plot_marginals',
  'add_legend',
  'set_axis_labels',
  'set_titles',
  'set_xlabels',
  'set_ylabels',
  'refline',
  // artists (ARTIST_MAKERS)
  'set_data',
  'set_xdata',
  'set_ydata',
  'set_array',
  'set_clim',
  'set_cmap',
  'set_norm',
  'set_offsets',
  'set_sizes',
  'set_color',
  'set_edgecolor',
  'set_label',
  'set_alpha',
  'set_linewidth',
  'set_linestyle',
  'set_marker',
  'set_text',
  'set_visible',
  'set_zorder',
  'set_height',
  'set_width',
  'set_fontsize',
  'set_fontweight',
  'set_rotation',
  'set_position',
  'remove',
  // an axis (ax.xaxis, ax.get_yaxis())
  'set_major_formatter',
  'set_minor_formatter',
  'set_major_locator',
  'set_minor_locator',
  'set_ticks_position',
  'set_label_position',
  'set_label_text',
  'set_label_coords',
  'set_tick_params',
  // colour bars (KEPT_ARTIST_SETTERS)
  'set_ticks',
  'set_ticklabels',
  'minorticks_on',
  'minorticks_off'
]);

/**
 * Methods of a figure, its axes or an artist that give parts they keep, the same objects:
 * a change through one changes the figure (`ax.get_xaxis().set_visible(False)`,
 * `ax.get_legend().remove()`), and so does a change to what a loop over one yields (`for label
 * in ax.get_xticklabels(): label.set_rotation(45)`).
 */
export const FIGURE_GETTERS: ReadonlySet<string> = new Set([
  'get_figure',
  'get_axes',
  'get_xaxis',
  'get_yaxis',
  'get_legend',
  'get_lines',
  'get_images',
  'get_texts',
  'get_frame',
  'get_xticklabels',
  'get_yticklabels',
  'get_xmajorticklabels',
  'get_ymajorticklabels',
  'get_xminorticklabels',
  'get_yminorticklabels',
  'get_ticklabels',
  'get_majorticklabels',
  'get_minorticklabels',
  'get_major_ticks',
  'get_minor_ticks',
  'get_children'
]);

/**
 * pyplot's function that sets properties of the artists given first (`plt.setp(
 * ax.get_xticklabels(), rotation=45)`): a drawing on them.
 */
export const SET_PROPERTIES = 'setp';

/**
 * Methods of an array of axes whose value holds the same axes, rearranged: `axes =
 * axes.flatten()` leaves `axes` the axes of the figure it was.
 */
export const AXES_REARRANGED_BY: ReadonlySet<string> = new Set([
  'flatten',
  'ravel',
  'tolist',
  'copy'
]);

/** Calls that list an array of axes: `list(axes.flat)`, `tuple(axes)`. */
export const AXES_LISTED_BY: ReadonlySet<string> = new Set(['list', 'tuple']);

/** The keyword through which plotting functions are given the axes they draw on: `ax=ax`. */
export const AXES_KEYWORD = 'ax';

/**
 * Calls, on pyplot or seaborn, whose value is pyplot's current figure or one of its axes (made
 * if there is none): `ax = plt.gca()`, `fig = plt.gcf()`, `ax = plt.subplot(2, 1, 1)`,
 * `ax = sns.histplot(x)`. Two such names in one cell are names of one figure, and so are such
 * a name and the figure the cell made current before it (MAKE_CURRENT_FIGURE).
 */
export const PARTS_OF_CURRENT_FIGURE: ReadonlySet<string> = new Set([
  'gca',
  'gcf',
  'subplot',
  'axes',
  'subplot2grid',
  ...SEABORN_AXES_PLOTS
]);

/**
 * Calls whose value is a new figure that pyplot makes its current one (the value's first name):
 * `plt.figure()`, `plt.subplots()`, `sns.FacetGrid(…)`, seaborn's figure-level functions.
 */
export const MAKE_CURRENT_FIGURE: ReadonlySet<string> = new Set([
  'figure',
  'subplots',
  'subplot_mosaic',
  ...SEABORN_FIGURES
]);

/**
 * pyplot's functions whose value is an artist of its current figure: `cbar = plt.colorbar(im)`,
 * `lab = plt.xlabel('x')`. Where the cell names that figure, the artist is a part of it
 * (`title`, which a string has too, left out).
 */
export const PYPLOT_ARTISTS: ReadonlySet<string> = new Set([
  'colorbar',
  'suptitle',
  'xlabel',
  'ylabel',
  'figtext',
  'figlegend'
]);

/** The pyplot call after which the cell knows no name of the current figure: `plt.close()`. */
export const CLOSE_FIGURE = 'close';

/** The pyplot call that makes its argument's figure the current one: `plt.sca(ax)`. */
export const SET_CURRENT_AXES = 'sca';
