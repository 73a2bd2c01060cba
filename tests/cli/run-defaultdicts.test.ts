/**
 * defaultdicts read by a key in a later step, in a real local run against the notebook run top
 * to bottom. Reading a key a defaultdict lacks adds it (`if counts["cat"] > 0:` adds "cat"
 * with 0), so the read changes the object. Before, the reading step did not hand the
 * defaultdict on: the step after took it from where it was made, without the keys the reads
 * added, and counted fewer keys, silently.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: 'import collections\nfrom collections import defaultdict',
    tags: ['imports']
  },
  {
    source: [
      'counts = defaultdict(int)',
      'for word in "the dog and the bird".split():',
      '    counts[word] += 1',
      'groups = collections.defaultdict(list)',
      'groups["even"].append(2)',
      'nested = defaultdict(lambda: defaultdict(int))',
      'plain = {"the": 2}'
    ].join('\n'),
    tags: ['step:count']
  },
  {
    source: [
      'has_cat = counts["cat"] > 0',
      'odd = len(groups["odd"])',
      'deep = nested["a"]["b"]',
      'the = plain["the"]'
    ].join('\n'),
    tags: ['step:check']
  },
  {
    source: [
      'words = ",".join(sorted(counts))',
      'group_keys = ",".join(sorted(groups))',
      'inner_keys = ",".join(sorted(nested["a"]))',
      'plain_keys = ",".join(sorted(plain))'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell([
    'has_cat',
    'odd',
    'deep',
    'the',
    'words',
    'group_keys',
    'inner_keys',
    'plain_keys'
  ])
];

describeSameAsTopToBottom(
  'defaultdicts read by a key in a later step',
  'keep the keys the reads added, as top to bottom',
  { prefix: 'defaultdicts', name: 'word-counts.ipynb', cells: CELLS },
  {
    has_cat: false,
    odd: 0,
    deep: 0,
    the: 2,
    words: 'and,bird,cat,dog,the',
    group_keys: 'even,odd',
    inner_keys: 'b',
    plain_keys: 'the'
  }
);
