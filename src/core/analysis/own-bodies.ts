/**
 * Nodes whose bodies are scopes of their own: a function, a lambda, a class. A walk of one
 * function's body (its `return`s, its `yield`s, the loops around a `break`) stops at them.
 */
export const OWN_BODIES: ReadonlySet<string> = new Set([
  'function_definition',
  'lambda',
  'class_definition'
]);
