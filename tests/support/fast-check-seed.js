// Every fast-check property runs from a known seed, so a failure can be replayed and CI runs the
// same cases each time: CELLPIPE_FC_SEED when set (to explore), else a fixed one.
const fc = require('fast-check');

const seed = Number(process.env.CELLPIPE_FC_SEED ?? 20261130);
if (!Number.isSafeInteger(seed)) {
  throw new Error(
    `CELLPIPE_FC_SEED must be an integer, got ${process.env.CELLPIPE_FC_SEED}`
  );
}
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
if (process.env.CELLPIPE_FC_SEED) {
  process.stderr.write(`fast-check seed ${seed} (CELLPIPE_FC_SEED)\n`);
}
