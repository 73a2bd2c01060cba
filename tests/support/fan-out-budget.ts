/**
 * An Argo size budget for examples/fan-out.ipynb that the Workflow with its steps' code inline
 * exceeds (about 35 KiB) and the Workflow with that code in ConfigMaps meets (about 25 KiB on
 * 2026-12-02, most of it the step runtime, which it carries once): compiling under it moves the
 * code into ConfigMaps. It was 20 KiB until the runtime learned to close the archives a step
 * leaves open, and 24 KiB until it learned `--observe` (the local runner's step cache).
 */
export const FAN_OUT_CONFIGMAP_BUDGET = 28 * 1024;
