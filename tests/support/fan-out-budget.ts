/**
 * An Argo size budget for examples/fan-out.ipynb that the Workflow with its steps' code inline
 * exceeds and the Workflow with that code in ConfigMaps meets (about 37 KiB on 2026-12-06, most
 * of it the step runtime, which it carries once): compiling under it moves the code into
 * ConfigMaps. It was 20 KiB until the runtime learned to close the archives a step leaves open,
 * 24 KiB until it learned `--observe` (the local runner's step cache), 28 KiB until it
 * learned to hand on the names of one figure as one (figure_share), 32 KiB until it learned
 * to find an inset's place and an artist's in their figure, and 36 KiB until it learned to
 * hand on the names of one object as one (object_share).
 */
export const FAN_OUT_CONFIGMAP_BUDGET = 40 * 1024;
