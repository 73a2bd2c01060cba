// Builds the engine bundle once before the tests that run the real CLI (bin/cellpipe.js).
const { execFileSync } = require('node:child_process');

module.exports = async () => {
  execFileSync(process.execPath, ['scripts/build-engine.mjs'], {
    stdio: 'inherit'
  });
};
