/**
 * Functions that change a generator, a defaultdict or an in-memory file made in an earlier step,
 * called in a later one, in a real local run against the notebook run top to bottom. The calls
 * in the bodies (`rng.sample(xs, 2)`, `counts[word]`, `print(line, file=buf)`) change those
 * objects only where they are of that kind, so the analysis counted them only where they ran
 * at module level. A step that called such a function did not hand the object on: the step
 * after took it as it was made, and drew the same sample again, or lacked the keys the reads
 * added, silently.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: 'import io\nimport random\nfrom collections import defaultdict',
    tags: ['imports']
  },
  {
    source: [
      'def draw(xs):',
      '    return rng.sample(xs, 2)',
      '',
      'def draw_again(xs):',
      '    return draw(xs)'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'rng = random.Random(7)',
      'counts = defaultdict(int)',
      'buf = io.StringIO()',
      'table = {"a": 1}'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'def seen(word):',
      '    return counts[word] > 0 or table.get(word, 0) > 0',
      '',
      'def log(line):',
      '    print(line, file=buf)',
      '',
      'first = ",".join(map(str, draw_again(list(range(100)))))',
      'seen_cat = seen("cat")',
      'log("one")'
    ].join('\n'),
    tags: ['step:use']
  },
  {
    source: [
      'second = ",".join(map(str, rng.sample(list(range(100)), 2)))',
      'keys = ",".join(sorted(counts))',
      'print("two", file=buf)',
      'written = ",".join(buf.getvalue().split())'
    ].join('\n'),
    tags: ['step:after']
  },
  metricsCell(['first', 'second', 'seen_cat', 'keys', 'written'])
];

describeSameAsTopToBottom(
  'functions that change a generator, a defaultdict or a buffer, called in a later step',
  'hand them on changed, as top to bottom',
  { prefix: 'handle-functions', name: 'helpers.ipynb', cells: CELLS },
  {
    first: '41,19',
    second: '50,83',
    seen_cat: false,
    keys: 'cat',
    written: 'one,two'
  }
);

/**
 * The same for a function that draws on axes made in an earlier step (real matplotlib, Agg
 * backend): before, the step that called it did not hand the axes on, and the step after read
 * them empty.
 */
describeSameAsTopToBottom(
  'a function that draws on axes from an earlier step, called in a later step',
  'hands the axes on drawn, as top to bottom',
  {
    prefix: 'drawing-functions',
    name: 'styled.ipynb',
    cells: [
      {
        source: [
          'import matplotlib',
          'matplotlib.use("Agg")',
          'import matplotlib.pyplot as plt'
        ].join('\n'),
        tags: ['imports']
      },
      { source: 'fig, ax = plt.subplots()', tags: ['step:setup'] },
      {
        source: [
          'def style(title):',
          '    ax.plot([1, 2, 3])',
          '    ax.set_title(title)',
          '',
          'style("styled")'
        ].join('\n'),
        tags: ['step:draw']
      },
      {
        source: 'title = ax.get_title()\nlines = len(ax.lines)',
        tags: ['step:report']
      },
      metricsCell(['title', 'lines'])
    ]
  },
  { title: 'styled', lines: 1 }
);

/**
 * A method that draws from a generator, called on an instance made in an earlier step, and a
 * closure that a factory returned: before, the steps that called them did not hand the
 * generator on, and the step after drew the first sample again.
 */
describeSameAsTopToBottom(
  'a method and a closure that draw from a generator, called in later steps',
  'hand the generator on drawn, as top to bottom',
  {
    prefix: 'drawing-methods',
    name: 'samplers.ipynb',
    cells: [
      { source: 'import random', tags: ['imports'] },
      {
        source: [
          'rng = random.Random(7)',
          'class Sampler:',
          '    def draw(self):',
          '        return ",".join(map(str, rng.sample(range(100), 2)))',
          '',
          'def make_picker():',
          '    def pick():',
          '        return ",".join(map(str, rng.sample(range(100), 2)))',
          '    return pick',
          '',
          'sampler = Sampler()',
          'picker = make_picker()'
        ].join('\n'),
        tags: ['step:make']
      },
      { source: 'by_method = sampler.draw()', tags: ['step:by_method'] },
      { source: 'by_closure = picker()', tags: ['step:by_closure'] },
      {
        source: 'after = ",".join(map(str, rng.sample(range(100), 2)))',
        tags: ['step:after']
      },
      metricsCell(['by_method', 'by_closure', 'after'])
    ]
  },
  { by_method: '41,19', by_closure: '50,83', after: '6,9' }
);

/**
 * A function of the step's own given to `map`, and a lambda given to it, that draw from a
 * generator made before: before, neither step handed the generator on, and the step after drew
 * the first sample again.
 */
describeSameAsTopToBottom(
  'a function and a lambda given to map that draw from a generator',
  'hand the generator on drawn, as top to bottom',
  {
    prefix: 'mapped-draws',
    name: 'mapped.ipynb',
    cells: [
      { source: 'import random', tags: ['imports'] },
      { source: 'rng = random.Random(7)', tags: ['step:make'] },
      {
        source: [
          'def pick(_):',
          '    return ",".join(map(str, rng.sample(range(100), 2)))',
          '',
          'by_map = ";".join(map(pick, [0]))'
        ].join('\n'),
        tags: ['step:by_map']
      },
      {
        source:
          'by_lambda = ";".join(map(lambda _: ",".join(map(str, rng.sample(range(100), 2))), [0]))',
        tags: ['step:by_lambda']
      },
      {
        source: 'after = ",".join(map(str, rng.sample(range(100), 2)))',
        tags: ['step:after']
      },
      metricsCell(['by_map', 'by_lambda', 'after'])
    ]
  },
  { by_map: '41,19', by_lambda: '50,83', after: '6,9' }
);

/**
 * Functions that draw from a generator and on axes, kept in a dict or a list and called through
 * it in later steps (`ops["pick"]()`, `for f in fns: f()`, `ops.get("pick")()`, a list the
 * calling step makes itself). Before, none of those steps handed the generator or the axes on:
 * each drew the first sample again, and the step after read the axes with no title.
 */
describeSameAsTopToBottom(
  'functions kept in a dict or a list, called through it in later steps',
  'hand the generator and the axes on changed, as top to bottom',
  {
    prefix: 'table-draws',
    name: 'tables.ipynb',
    cells: [
      {
        source: [
          'import random',
          'import matplotlib',
          'matplotlib.use("Agg")',
          'import matplotlib.pyplot as plt'
        ].join('\n'),
        tags: ['imports']
      },
      {
        source: [
          'rng = random.Random(7)',
          'fig, ax = plt.subplots()',
          '',
          'def pick():',
          '    return ",".join(map(str, rng.sample(range(100), 2)))',
          '',
          'def title():',
          '    ax.set_title("drawn")',
          '',
          'ops = {"pick": pick}',
          'fns = [pick]',
          'plots = {"title": title}'
        ].join('\n'),
        tags: ['step:make']
      },
      { source: 'by_key = ops["pick"]()', tags: ['step:by_key'] },
      {
        source: 'for f in fns:\n    by_loop = f()',
        tags: ['step:by_loop']
      },
      { source: 'by_get = ops.get("pick")()', tags: ['step:by_get'] },
      {
        source: 'mine = [pick]\nby_own = mine[0]()\nplots["title"]()',
        tags: ['step:by_own']
      },
      {
        source:
          'after = ",".join(map(str, rng.sample(range(100), 2)))\ntitled = ax.get_title()',
        tags: ['step:after']
      },
      metricsCell(['by_key', 'by_loop', 'by_get', 'by_own', 'after', 'titled'])
    ]
  },
  {
    by_key: '41,19',
    by_loop: '50,83',
    by_get: '6,9',
    by_own: '68,12',
    after: '46,74',
    titled: 'drawn'
  }
);
