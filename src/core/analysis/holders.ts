/** Library objects that hold others they are made of, so that changing one changes those. */

/**
 * Composites that hold the objects they are given and change them in place:
 * - scikit-learn's `pipe = make_pipeline(scaler, model)`, then `pipe.fit(X, y)` fits `scaler`
 *   and `model` (not the meta-estimators that fit a clone: GridSearchCV, VotingClassifier,
 *   ColumnTransformer);
 * - PyTorch's learning-rate schedulers and transformers' schedule makers, which hold the
 *   optimizer they are given: `sched.step()` sets its learning rate;
 * - transformers' trainers, which hold the model they are given (`Trainer(model=model, …)`):
 *   `trainer.train()` trains it.
 */
export const HOLDERS: ReadonlySet<string> = new Set([
  'Pipeline',
  'make_pipeline',
  'FeatureUnion',
  'make_union',
  'StepLR',
  'MultiStepLR',
  'ExponentialLR',
  'CosineAnnealingLR',
  'CosineAnnealingWarmRestarts',
  'ReduceLROnPlateau',
  'CyclicLR',
  'OneCycleLR',
  'LambdaLR',
  'MultiplicativeLR',
  'LinearLR',
  'ConstantLR',
  'PolynomialLR',
  'get_linear_schedule_with_warmup',
  'get_cosine_schedule_with_warmup',
  'get_scheduler',
  'Trainer',
  'Seq2SeqTrainer',
  'SFTTrainer'
]);

/** The keyword arguments of those that name what they hold (`Pipeline(steps=[…])`). */
export const HELD_KEYWORDS: ReadonlySet<string> = new Set([
  'steps',
  'transformer_list',
  'optimizer',
  'model'
]);
