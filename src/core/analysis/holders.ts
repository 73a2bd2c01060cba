/** Library objects that hold others they are made of, so that changing one changes those. */

/**
 * scikit-learn's composites that hold the estimators they are given and fit them in place:
 * `pipe = make_pipeline(scaler, model)`, then `pipe.fit(X, y)` fits `scaler` and `model`. (Not
 * the meta-estimators that fit a clone: GridSearchCV, VotingClassifier, ColumnTransformer.)
 */
export const HOLDERS: ReadonlySet<string> = new Set([
  'Pipeline',
  'make_pipeline',
  'FeatureUnion',
  'make_union'
]);

/** The keyword arguments of those that name what they hold (`Pipeline(steps=[…])`). */
export const HELD_KEYWORDS: ReadonlySet<string> = new Set([
  'steps',
  'transformer_list'
]);
