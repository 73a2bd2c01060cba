/**
 * V8 recompiles a WebAssembly function with its optimising compiler once it has run enough
 * (its tiering budget). With the default budget, analysing one small notebook already sends
 * tree-sitter's parser functions there, which costs the CLI about 80 ms of CPU on every start
 * and gains nothing. A budget 100 times larger leaves short runs on the baseline compiler; a
 * large cell still spends it within its first fraction of a second and runs optimised code.
 *
 * Set before the engine bundle is compiled (src/cli/start.ts): V8 accepts a code cache only
 * under the flags it was made with.
 */
export const WASM_TIERING_BUDGET = '--wasm-tiering-budget=180000000';
