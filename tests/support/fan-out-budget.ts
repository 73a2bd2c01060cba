/**
 * An Argo size budget for examples/fan-out.ipynb that the Workflow with its steps' code inline
 * exceeds (30 KiB) and the Workflow with that code in ConfigMaps meets (16.0 KiB on 2026-12-01,
 * most of it the step runtime, which it carries once): compiling under it moves the code into
 * ConfigMaps. It was 16 KiB until the runtime's clearer save errors made that Workflow 34 bytes
 * larger.
 */
export const FAN_OUT_CONFIGMAP_BUDGET = 20 * 1024;
