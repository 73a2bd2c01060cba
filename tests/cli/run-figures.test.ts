/**
 * Matplotlib figures drawn on in a later step than the one that made them, in a real local run
 * against the notebook run top to bottom (real matplotlib, Agg backend). Before, a draw changed
 * nothing: the step after took the figure as the first step saved it, empty. Drawn on through the
 * figure (`fig.axes[0].plot`), through axes given as `ax=`, or in a loop over an array of axes,
 * the step now hands the figure or the axes on, and the later step sees the drawing.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const IMPORTS = {
  source: [
    'import matplotlib',
    'matplotlib.use("Agg")',
    'import matplotlib.pyplot as plt',
    'import pandas as pd'
  ].join('\n'),
  tags: ['imports']
};

const CELLS = [
  IMPORTS,
  {
    source: [
      'fig, ax = plt.subplots()',
      'side_fig, side_ax = plt.subplots()',
      'pair_fig, pair = plt.subplots(1, 2)'
    ].join('\n'),
    tags: ['step:setup']
  },
  {
    source: [
      'fig.axes[0].plot([1, 2, 3])',
      'fig.axes[0].set_title("drawn")',
      'pd.Series([3, 1, 2]).plot(ax=side_ax)',
      'pd.Series([1, 2]).plot(ax=side_ax)',
      'for panel in pair.flat:',
      '    panel.plot([1, 2])'
    ].join('\n'),
    tags: ['step:draw']
  },
  {
    source: [
      'fig_lines = len(fig.axes[0].lines)',
      'fig_title_length = len(fig.axes[0].get_title())',
      'side_lines = len(side_ax.lines)',
      'pair_lines = sum(len(panel.lines) for panel in pair.flat)'
    ].join('\n'),
    tags: ['step:report']
  },
  {
    source: [
      'print(fig_lines)',
      'print(fig_title_length)',
      'print(side_lines)',
      'print(pair_lines)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'matplotlib figures drawn on in a later step',
  'reach the step after the drawing with what was drawn, as top to bottom',
  { prefix: 'figures', name: 'figures.ipynb', cells: CELLS },
  {
    fig_lines: 1,
    fig_title_length: 5,
    side_lines: 2,
    pair_lines: 2
  }
);

/**
 * A step that takes a figure and its axes from the step that made them, draws on the axes and
 * reads the figure: top to bottom the drawing is in the figure. Each name comes as a value of its
 * own, so before, the axes drew on a copy of the figure of their own and the figure stayed empty;
 * the step now takes both from one copy (figure_share in the manifests). Also an array of axes
 * beside its figure, and a seaborn grid beside its axes.
 */
describeSameAsTopToBottom(
  'a figure and its axes taken by one step from the step that made them',
  'are one figure there, so what the step draws on the axes is in the figure',
  {
    prefix: 'figure-parts',
    name: 'figure-parts.ipynb',
    cells: [
      {
        source: IMPORTS.source + '\nimport seaborn as sns',
        tags: ['imports']
      },
      {
        source: [
          'fig, ax = plt.subplots()',
          'grid_fig, grid = plt.subplots(2, 2)',
          'g = sns.FacetGrid(pd.DataFrame({"x": [1, 2], "c": ["a", "b"]}), col="c")',
          'panels = g.axes'
        ].join('\n'),
        tags: ['step:setup']
      },
      {
        source: [
          'ax.plot([1, 2, 3])',
          'fig_lines = len(fig.axes[0].lines)',
          'grid[1, 0].plot([1])',
          'grid_lines = len(grid_fig.axes[2].lines)',
          'panels[0, 1].plot([1])',
          'g_lines = len(g.figure.axes[1].lines)'
        ].join('\n'),
        tags: ['step:draw']
      },
      {
        source: [
          'print(fig_lines)',
          'print(grid_lines)',
          'print(g_lines)'
        ].join('\n'),
        tags: ['pipeline-metrics']
      }
    ]
  },
  { fig_lines: 1, grid_lines: 1, g_lines: 1 }
);

/**
 * A figure made in one step, drawn on through its axes in the next, read in a third: the drawing
 * step takes the figure beside the axes (one copy of it) and hands it on drawn, so the third step
 * takes the figure from there. Before, it took the figure as the first step made it: empty. Also
 * for axes in an array, in a dict (subplot_mosaic) and twinned, and a figure got from its axes.
 */
describeSameAsTopToBottom(
  'a figure drawn on through its axes in a step that does not read the figure',
  'reaches a later step with the drawing, as top to bottom',
  {
    prefix: 'figure-names',
    name: 'figure-names.ipynb',
    cells: [
      IMPORTS,
      {
        source: [
          'fig, ax = plt.subplots()',
          'pair_fig, pair = plt.subplots(1, 2)',
          'mosaic_fig, mosaic = plt.subplot_mosaic([["l", "r"]])',
          'line_ax = plt.figure().add_subplot()',
          'line_fig = line_ax.get_figure()',
          'twin = ax.twinx()'
        ].join('\n'),
        tags: ['step:setup']
      },
      {
        source: [
          'ax.plot([1, 2, 3])',
          'for panel in pair.flat:',
          '    panel.plot([1])',
          'mosaic["r"].plot([1])',
          'line_ax.plot([1])',
          'twin.plot([1])'
        ].join('\n'),
        tags: ['step:draw']
      },
      {
        source: [
          'fig_lines = sum(len(each.lines) for each in fig.axes)',
          'pair_lines = sum(len(panel.lines) for panel in pair_fig.axes)',
          'mosaic_lines = len(mosaic_fig.axes[1].lines)',
          'line_lines = len(line_fig.axes[0].lines)'
        ].join('\n'),
        tags: ['step:report']
      },
      {
        source: metricsCell([
          'fig_lines',
          'pair_lines',
          'mosaic_lines',
          'line_lines'
        ]).source,
        tags: ['pipeline-metrics']
      }
    ]
  },
  { fig_lines: 2, pair_lines: 2, mosaic_lines: 1, line_lines: 1 }
);

/**
 * Names of pyplot's current figure (`plt.gca()`, `plt.gcf()`, `plt.subplot()`, a seaborn
 * axes-level plot, `fig.gca()`), axes made in a comprehension, and axes rearranged in a step
 * after the one that made them (`grid = grid.flatten()`), drawn on in a later step and read in
 * another: the drawing step takes the figure's other names beside the one it draws on and hands
 * the figure on drawn. Before, each was a figure of its own to the analysis, and the last step
 * read the figure as the first step made it: empty.
 */
describeSameAsTopToBottom(
  'names of the current figure, axes made in a comprehension or rearranged later, drawn on in a later step',
  'reach a later step with the drawing, as top to bottom',
  {
    prefix: 'current-figure',
    name: 'current-figure.ipynb',
    cells: [
      {
        source: IMPORTS.source + '\nimport seaborn as sns',
        tags: ['imports']
      },
      {
        source: [
          'ax = plt.gca()',
          'fig = plt.gcf()',
          'plt.figure()',
          'left = plt.subplot(1, 2, 1)',
          'hist = sns.histplot([1, 2, 2])',
          'split = plt.gcf()',
          'listed_fig = plt.figure()',
          'listed = [listed_fig.add_subplot(1, 2, i + 1) for i in range(2)]',
          'own_fig = plt.figure()',
          'own_ax = own_fig.gca()',
          'grid_fig, grid = plt.subplots(2, 2)'
        ].join('\n'),
        tags: ['step:setup']
      },
      { source: 'grid = grid.flatten()', tags: ['step:flat'] },
      {
        source: [
          'ax.plot([1, 2, 3])',
          'left.plot([1])',
          'hist.set_title("h")',
          'listed[1].plot([1])',
          'own_ax.plot([1])',
          'grid[3].plot([1])'
        ].join('\n'),
        tags: ['step:draw']
      },
      {
        source: [
          'fig_lines = len(fig.axes[0].lines)',
          'split_lines = len(split.axes[0].lines)',
          'split_title = split.axes[0].get_title()',
          'listed_lines = len(listed_fig.axes[1].lines)',
          'own_lines = len(own_fig.axes[0].lines)',
          'grid_lines = len(grid_fig.axes[3].lines)'
        ].join('\n'),
        tags: ['step:report']
      },
      {
        source: metricsCell([
          'fig_lines',
          'split_lines',
          'split_title',
          'listed_lines',
          'own_lines',
          'grid_lines'
        ]).source,
        tags: ['pipeline-metrics']
      }
    ]
  },
  {
    fig_lines: 1,
    split_lines: 1,
    split_title: 'h',
    listed_lines: 1,
    own_lines: 1,
    grid_lines: 1
  }
);

/**
 * Axes bound one to one from a tuple or held in a tuple display, an inset axes, and artists the
 * axes keep (`im = ax.imshow(…)`, `line, = ax.plot(…)`, also drawn in a later step than the axes),
 * changed in a later step (drawn on, `im.set_clim`, `line.set_ydata`, `fig.colorbar(im)`) and
 * read in another. Before, each of these
 * came to the later step as a copy of its own, and the report read the figure unchanged.
 */
describeSameAsTopToBottom(
  'axes from a tuple, an inset and artists, changed in a later step',
  'reach a later step changed, as top to bottom',
  {
    prefix: 'figure-artists',
    name: 'figure-artists.ipynb',
    cells: [
      IMPORTS,
      {
        source: [
          'fig = plt.figure()',
          'left, right = fig.add_subplot(221), fig.add_subplot(222)',
          'lower = (fig.add_subplot(223), fig.add_subplot(224))',
          'inset = left.inset_axes([0.5, 0.5, 0.4, 0.4])',
          'im = right.imshow([[1, 2], [3, 4]])',
          'line, = lower[0].plot([1, 2])'
        ].join('\n'),
        tags: ['step:setup']
      },
      { source: 'late = lower[0].imshow([[1, 2]])', tags: ['step:late'] },
      {
        source: [
          'right.set_title("r")',
          'lower[1].plot([1])',
          'inset.plot([1])',
          'im.set_clim(0, 10)',
          'line.set_ydata([5, 6])'
        ].join('\n'),
        tags: ['step:draw']
      },
      { source: 'late.set_clim(0, 7)', tags: ['step:clim'] },
      { source: 'fig.colorbar(im)', tags: ['step:colour'] },
      {
        source: [
          'right_title = fig.axes[1].get_title()',
          'lower_lines = len(fig.axes[3].lines)',
          'inset_lines = len(fig.axes[0].child_axes[0].lines)',
          'clim_top = int(fig.axes[1].images[0].get_clim()[1])',
          'line_start = int(fig.axes[2].lines[0].get_ydata()[0])',
          'axes_count = len(fig.axes)',
          'late_top = int(fig.axes[2].images[0].get_clim()[1])'
        ].join('\n'),
        tags: ['step:report']
      },
      {
        source: metricsCell([
          'right_title',
          'lower_lines',
          'inset_lines',
          'clim_top',
          'line_start',
          'axes_count',
          'late_top'
        ]).source,
        tags: ['pipeline-metrics']
      }
    ]
  },
  {
    right_title: 'r',
    lower_lines: 1,
    inset_lines: 1,
    clim_top: 10,
    line_start: 5,
    axes_count: 5,
    late_top: 7
  }
);

/**
 * Artists a figure or its axes keep, set up rather than plotted (a title, a legend, the
 * figure's suptitle, a colour bar, one from pyplot's colorbar), changed in a later step and read
 * from the figure in another. Before, each came to the later step as a copy of its own, and the
 * report read the figure unchanged.
 */
describeSameAsTopToBottom(
  'titles, legends and colour bars, changed in a later step',
  'reach a later step changed, as top to bottom',
  {
    prefix: 'figure-kept-artists',
    name: 'figure-kept-artists.ipynb',
    cells: [
      IMPORTS,
      {
        source: [
          'fig, ax = plt.subplots()',
          'im = ax.imshow([[1, 2], [3, 4]])',
          'title = ax.set_title("a")',
          'ax.plot([1, 2], label="line")',
          'legend = ax.legend()',
          'head = fig.suptitle("s")',
          'cbar = fig.colorbar(im)',
          'other = plt.figure()',
          'other_cbar = plt.colorbar(other.gca().imshow([[1, 2]]))'
        ].join('\n'),
        tags: ['step:setup']
      },
      {
        source: [
          'cbar.set_label("units")',
          'title.set_text("b")',
          'legend.set_title("key")',
          'head.set_text("S")',
          'other_cbar.set_label("more")'
        ].join('\n'),
        tags: ['step:label']
      },
      {
        source: [
          'cbar_label = fig.axes[1].get_ylabel()',
          'title_text = fig.axes[0].get_title()',
          'legend_title = fig.axes[0].get_legend().get_title().get_text()',
          'suptitle = fig.get_suptitle()',
          'other_label = other.axes[1].get_ylabel()'
        ].join('\n'),
        tags: ['step:report']
      },
      {
        source: metricsCell([
          'cbar_label',
          'title_text',
          'legend_title',
          'suptitle',
          'other_label'
        ]).source,
        tags: ['pipeline-metrics']
      }
    ]
  },
  {
    cbar_label: 'units',
    title_text: 'b',
    legend_title: 'key',
    suptitle: 'S',
    other_label: 'more'
  }
);

/**
 * Changes made in a later step through what a figure's getters give (`ax.get_legend()`,
 * `ax.get_xticklabels()` through `plt.setp` or a loop, `ax.yaxis`'s formatter), read from the
 * figure in another. Before, the step changing them took `ax` alone, and the report read the
 * figure unchanged.
 */
describeSameAsTopToBottom(
  'changes through the getters of a figure, in a later step',
  'reach a later step changed, as top to bottom',
  {
    prefix: 'figure-getters',
    name: 'figure-getters.ipynb',
    cells: [
      IMPORTS,
      {
        source: [
          'fig, ax = plt.subplots()',
          'ax.plot([1, 2], label="a")',
          'ax.legend()'
        ].join('\n'),
        tags: ['step:setup']
      },
      { source: 'ax.get_legend().remove()', tags: ['step:legend'] },
      {
        source: 'plt.setp(ax.get_xticklabels(), rotation=45)',
        tags: ['step:setp']
      },
      {
        source: [
          'for label in ax.get_yticklabels():',
          '    label.set_rotation(30)'
        ].join('\n'),
        tags: ['step:loop']
      },
      {
        source: [
          'import matplotlib.ticker as ticker',
          'ax.yaxis.set_major_formatter(ticker.PercentFormatter())'
        ].join('\n'),
        tags: ['step:axis']
      },
      {
        source: [
          'shown = fig.axes[0]',
          'legend_gone = shown.get_legend() is None',
          'x_rotation = int(shown.get_xticklabels()[0].get_rotation())',
          'y_rotation = int(shown.get_yticklabels()[0].get_rotation())',
          'formatter = type(shown.yaxis.get_major_formatter()).__name__'
        ].join('\n'),
        tags: ['step:report']
      },
      {
        source: metricsCell([
          'legend_gone',
          'x_rotation',
          'y_rotation',
          'formatter'
        ]).source,
        tags: ['pipeline-metrics']
      }
    ]
  },
  {
    legend_gone: true,
    x_rotation: 45,
    y_rotation: 30,
    formatter: 'PercentFormatter'
  }
);

/**
 * A list or dict of figures made in one step, drawn on in the next through a loop over it or a
 * key (`for each in figures: each.suptitle(…)`, `by_name["b"].suptitle(…)`), read in a third by
 * the figures' own names; and a figure drawn on by its own name, read through the list. Before,
 * the drawing step took only the list, so the third step read the figures as the first step made
 * them, untitled, silently. The drawing step now takes the figures beside the list (one object
 * with it: object_shares) and hands them on drawn.
 */
describeSameAsTopToBottom(
  'figures held in a list or dict, drawn on through it in a later step',
  'reach a later step with the drawing under their own names, as top to bottom',
  {
    prefix: 'figure-lists',
    name: 'figure-lists.ipynb',
    cells: [
      IMPORTS,
      {
        source: [
          'left = plt.figure()',
          'right = plt.figure()',
          'figures = [left, right]',
          'a_fig = plt.figure()',
          'b_fig = plt.figure()',
          'by_name = {"a": a_fig, "b": b_fig}',
          'solo = plt.figure()',
          'solos = [solo]'
        ].join('\n'),
        tags: ['step:setup']
      },
      {
        source: [
          'for each in figures:',
          '    each.suptitle("drawn")',
          'by_name["b"].suptitle("bee")',
          'solo.suptitle("alone")'
        ].join('\n'),
        tags: ['step:draw']
      },
      {
        source: [
          'def title(figure):',
          '    return figure._suptitle.get_text() if figure._suptitle else ""',
          'titles = ",".join(title(f) for f in (left, right, b_fig))',
          'solo_title = title(solos[0])'
        ].join('\n'),
        tags: ['step:report']
      },
      {
        source: metricsCell(['titles', 'solo_title']).source,
        tags: ['pipeline-metrics']
      }
    ]
  },
  { titles: 'drawn,drawn,bee', solo_title: 'alone' }
);
