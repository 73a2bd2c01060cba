import { field, IPyNode } from './python-tree';

/**
 * Draws that share their name with what returns a new value elsewhere: `shuffle` (tf.data),
 * `power`, `gamma`, `beta`, `f`, `bytes` (np.power, math.gamma, scipy.stats.beta). They count
 * as draws (RANDOM_DRAWS): a module they mark is one every step imports anyway (not handed on,
 * no shared-name warning), and a dataset marked changed is only saved once more, where missing
 * `rng.shuffle(order)` hands a later step the generator as it was before. Left out where the
 * other use is far more common and the object large or the name everywhere: `sample`
 * (DataFrame.sample copies) and `partition` (str.partition).
 */
export const DRAWS_NAMED_LIKE_OTHERS: ReadonlySet<string> = new Set([
  'shuffle',
  'power',
  'gamma',
  'beta',
  'f',
  'bytes'
]);

/**
 * Draws from a random number generator, which change its state: numpy's Generator and
 * RandomState, Python's random.Random, torch.Generator. A module-level draw
 * (`np.random.normal()`) marks the module too, but a module is handed on by name: the global
 * generator's state (np.random.seed) does not go with it.
 */
export const RANDOM_DRAWS: ReadonlySet<string> = new Set([
  ...DRAWS_NAMED_LIKE_OTHERS,
  'random',
  'integers',
  'normal',
  'uniform',
  'choice',
  'choices',
  'permutation',
  'permuted',
  'standard_normal',
  'standard_exponential',
  'standard_gamma',
  'exponential',
  'binomial',
  'poisson',
  'lognormal',
  'multinomial',
  'multivariate_normal',
  'dirichlet',
  'randint',
  'rand',
  'randn',
  'random_sample',
  'randrange',
  'gauss',
  'getrandbits',
  'randbytes',
  'normalvariate',
  'expovariate',
  'laplace',
  'logistic',
  'geometric',
  'triangular',
  'weibull',
  'standard_t',
  'standard_cauchy',
  'chisquare',
  'noncentral_chisquare',
  'noncentral_f',
  'gumbel',
  'hypergeometric',
  'logseries',
  'negative_binomial',
  'pareto',
  'rayleigh',
  'vonmises',
  'wald',
  'zipf',
  'betavariate',
  'gammavariate',
  'lognormvariate',
  'vonmisesvariate',
  'weibullvariate',
  'paretovariate',
  'binomialvariate'
]);

/** Calls that seed a module's global generator (numpy, random, torch, TensorFlow). */
export const SEED_SETTERS: ReadonlySet<string> = new Set([
  'seed',
  'manual_seed',
  'manual_seed_all',
  'set_seed'
]);

/**
 * Calls that change state a module keeps (`np.random.seed(0)`, `np.set_printoptions(…)`,
 * `warnings.simplefilter(…)`, `os.chdir(…)`): each step imports its modules afresh, so the
 * change does not reach a later step (module-state.ts). Unlike a module's other functions
 * (`re.compile`, `np.append`), which return a value and change nothing.
 */
export const MODULE_STATE_SETTERS: ReadonlySet<string> = new Set([
  ...SEED_SETTERS,
  'set_state',
  'setstate',
  'set_printoptions',
  'set_option',
  'set_config',
  'seterr',
  'setrecursionlimit',
  'chdir',
  'simplefilter',
  'filterwarnings',
  'set_default_dtype',
  'set_num_threads',
  'putenv',
  'basicConfig', // logging
  'set_theme', // seaborn
  'set_style',
  'set_context',
  'set_palette'
]);

/** scikit-learn's (and its kin's) fits: they change the estimator and what it holds. */
const FITTING_METHODS = [
  'fit',
  'partial_fit',
  'fit_transform',
  'fit_predict',
  'fit_resample',
  'set_params'
];

/**
 * Methods that change their receiver in place (design §3.2). A call `x.fit(...)` is a
 * mutation of `x`: a read and a write. The list covers scikit-learn, Keras, PyTorch, gensim,
 * transformers, spaCy, Prophet, networkx, Optuna, vector indexes, pandas, numpy, scipy's
 * sparse matrices and the built-in containers.
 */
export const MUTATING_METHODS: ReadonlySet<string> = new Set<string>([
  // estimators and models
  ...FITTING_METHODS,
  'set_output',
  // Keras preprocessing and gensim fit by other names
  'fit_on_texts',
  'fit_on_sequences',
  'adapt',
  'build_vocab',
  'train',
  'compile',
  'build',
  'load_weights',
  'load_state_dict',
  'zero_grad',
  'step',
  'eval',
  'to',
  'cuda',
  'cpu',
  'requires_grad_',
  // Keras and PyTorch models set in place
  'set_weights',
  'reset_states',
  'add_module',
  'register_buffer',
  'register_parameter',
  // transformers' tokenizers and models, spaCy pipelines
  'add_tokens',
  'add_special_tokens',
  'resize_token_embeddings',
  'add_pipe',
  'remove_pipe',
  // Prophet's seasonalities and regressors, gensim's dictionaries
  'add_seasonality',
  'add_regressor',
  'add_country_holidays',
  'filter_extremes',
  'compactify',
  // networkx graphs
  'add_node',
  'add_nodes_from',
  'add_edge',
  'add_edges_from',
  'add_weighted_edges_from',
  'remove_node',
  'remove_nodes_from',
  'remove_edge',
  'remove_edges_from',
  // vector indexes and stores (faiss, annoy, chromadb, LangChain), scipy's sparse matrices
  'add_item',
  'add_documents',
  'add_texts',
  'upsert',
  'setdiag',
  'eliminate_zeros',
  'sort_indices',
  // Optuna's study records each trial it runs or is told
  'optimize',
  'enqueue_trial',
  'tell',
  // list, dict, set, deque
  'append',
  'appendleft',
  'extend',
  'extendleft',
  'insert',
  'pop',
  'popleft',
  'popitem',
  'remove',
  'clear',
  'sort',
  'reverse',
  'update',
  'add',
  'discard',
  'setdefault',
  'subtract', // collections.Counter
  'difference_update',
  'intersection_update',
  'symmetric_difference_update',
  'rotate',
  'move_to_end', // OrderedDict
  '__setitem__',
  '__delitem__',
  '__iadd__',
  '__isub__',
  '__imul__',
  '__ior__',
  '__iand__',
  // random number generators draw from, and so change, their state (RANDOM_DRAWS, below);
  // seeding sets it, as other setters set a module's state
  ...MODULE_STATE_SETTERS,
  // numpy and pandas in-place helpers
  'fill',
  'resize',
  'put',
  'itemset',
  'setflags',
  'setfield',
  'byteswap', // array.array's, and ndarray's with inplace=True
  'frombytes',
  'fromlist',
  ...RANDOM_DRAWS
]);

/**
 * Methods of models and estimators that change what the object holds as well as the object:
 * fitting a scikit-learn pipeline fits its steps, training or moving a network changes its
 * layers and weights. A part taken from it before (`lr = pipe[-1]`, `layer = net.layers[0]`)
 * changes with it (ICellNames.itemChanges), where a list's `append` or a frame's new column
 * leaves a part taken before as it was.
 */
export const HELD_CHANGING_METHODS: ReadonlySet<string> = new Set([
  ...FITTING_METHODS,
  'train',
  'build',
  'load_weights',
  'load_state_dict',
  'set_weights',
  'reset_states',
  'zero_grad',
  'to',
  'cuda',
  'cpu',
  'eval',
  'requires_grad_',
  'resize_token_embeddings'
]);

/**
 * Functions that change the container given as their first argument: `random.shuffle(xs)`,
 * `heapq.heappush(h, x)`, `bisect.insort(xs, x)`, `np.copyto(dst, src)`, `np.put(a, i, v)`,
 * `operator.setitem(d, k, v)`. Called bare or as an attribute, by the last name. (A call's `out=` array changes too: see
 * expression-walker.ts.) Counting a call that returns a copy instead (sklearn's `shuffle`)
 * only passes a value on that did not change: too many mutations cost a save, too few a wrong
 * value.
 */
export const MUTATING_FUNCTIONS: ReadonlySet<string> = new Set([
  'next', // advances the iterator it is given
  'setattr',
  'delattr',
  'shuffle',
  'heapify',
  'heappush',
  'heappop',
  'heappushpop',
  'heapreplace',
  'insort',
  'insort_left',
  'insort_right',
  'copyto',
  'fill_diagonal',
  'put',
  'putmask',
  'place',
  'put_along_axis',
  'at', // a ufunc's unbuffered in-place form: np.add.at(a, indices, 1)
  'setitem', // the operator module's: operator.setitem(d, k, v)
  'delitem',
  'iadd', // in place on a list, an array, a frame (on a number it returns another)
  'iconcat',
  'record_evaluation' // LightGBM's callback fills the dict it is given as the model trains
]);

/**
 * Functions that change the array they are given first where they are passed `copy=False`:
 * `np.nan_to_num(a, copy=False)`, scikit-learn's `scale(X, copy=False)` and its kin (in place
 * where the input is already a NumPy array). Called bare or as an attribute, by the last name.
 */
export const COPY_FALSE_FUNCTIONS: ReadonlySet<string> = new Set([
  'nan_to_num',
  'scale',
  'normalize',
  'minmax_scale',
  'maxabs_scale',
  'robust_scale',
  'binarize'
]);

/**
 * Methods that change their receiver when their result is thrown away: numpy's
 * `arr.partition(k)` reorders the array in place and gives None. A string's `partition` gives
 * a tuple, so a statement that is only that call would be useless on a string.
 */
export const CHANGING_WHEN_DISCARDED: ReadonlySet<string> = new Set([
  'partition'
]);

/** PyTorch's in-place methods end in one underscore (`x.add_(y)`, `w.uniform_()`). */
export function isInPlaceMethod(name: string): boolean {
  return /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*_$/.test(name);
}

/**
 * Whether `value` is a method that changes its receiver, taken without a call (`acc.append`,
 * `model.fit`): calling what it is bound to changes that receiver. Not a name that ends in one
 * underscore: called, it is PyTorch's in-place method (isInPlaceMethod), but taken without a
 * call it is a fitted model's attribute (`model.coef_`, `rf.feature_importances_`,
 * `grid.best_estimator_`), which reading or handing to a call changes nothing.
 */
export function changesItsObject(
  value: IPyNode,
  text: (node: IPyNode) => string
): boolean {
  if (value.type !== 'attribute') {
    return false;
  }
  const method = field(value, 'attribute');
  return method !== null && MUTATING_METHODS.has(text(method));
}

/**
 * Functions of a module that configure it but whose names are too common to make any object's
 * method a change (MUTATING_METHODS takes the setters): `sns.set()`, `plt.style.use("ggplot")`,
 * `matplotlib.use("Agg")`, `tqdm.pandas()` (adds `progress_apply` to pandas' frames); and a
 * logger's level, handlers and filters, which the logging module keeps
 * (`logging.getLogger("app").setLevel(…)`, `log.addHandler(…)`, `logging.disable(…)`).
 */
export const CONFIGURING_FUNCTIONS: ReadonlySet<string> = new Set([
  'set',
  'use',
  'pandas',
  'setLevel',
  'addHandler',
  'removeHandler',
  'addFilter',
  'removeFilter',
  'disable'
]);

/** The logging module's function that gives a logger: `logging.getLogger(name)`. */
export const LOGGER_MAKER = 'getLogger';

/**
 * Functions of a module that give state the module keeps, which a change through them changes:
 * `decimal.getcontext().prec = 5`, `logging.getLogger("app").disabled = True`.
 */
export const MODULE_STATE_GETTERS: ReadonlySet<string> = new Set([
  'getcontext',
  LOGGER_MAKER
]);

/** A call of one of them as an attribute (`.set(`), made from the set itself. */
const CONFIGURING_CALL = new RegExp(
  `\\.(?:${[...CONFIGURING_FUNCTIONS].join('|')})\\s*\\(`,
  'u'
);

/** Whether the text calls one of CONFIGURING_FUNCTIONS as an attribute (ICellAnalysis flag). */
export function mayCallConfiguringFunction(python: string): boolean {
  return CONFIGURING_CALL.test(python);
}

/**
 * Keywords whose value a call writes into: numpy's `out=` arrays, and the dict XGBoost's
 * `xgb.train(…, evals_result=history)` fills with each round's scores.
 */
export const FILLED_KEYWORDS: ReadonlySet<string> = new Set([
  'out',
  'evals_result'
]);
