/**
 * An Argo size budget for examples/fan-out.ipynb that the Workflow with its steps' code inline
 * exceeds (about 34 KiB) and the Workflow with that code in ConfigMaps meets (20–21 KiB on
 * 2026-12-01, most of it the step runtime, which it carries once): compiling under it moves the
 * code into ConfigMaps. It was 20 KiB until the runtime learned to close the archives a step
 * leaves open, which made that Workflow just over 20 KiB.
 */
export const FAN_OUT_CONFIGMAP_BUDGET = 24 * 1024;
