/**
 * Methods that change their receiver in place (design §3.2). A call `x.fit(...)` is a
 * mutation of `x`: a read and a write. The list covers scikit-learn, Keras, PyTorch,
 * pandas and the built-in containers.
 */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  // estimators and models
  'fit',
  'partial_fit',
  'fit_transform',
  'fit_predict',
  'fit_resample',
  'set_params',
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
  'difference_update',
  'intersection_update',
  'symmetric_difference_update',
  'rotate',
  // numpy and pandas in-place helpers
  'fill',
  'resize',
  'put',
  'itemset',
  'setflags'
]);
