// Compile goldens keep packed step scripts readable in review: each zlib+base64 blob that a
// packed `python3 -c` command carries (src/core/generate/packed-script.ts) is replaced by the
// name of its step script's sha256, and the script itself is checked by the step script tests.
// CommonJS, so both the golden test and scripts/refresh-golden-compile.mjs use it.
const { createHash } = require('node:crypto');
const { inflateSync } = require('node:zlib');

const BLOB = /b64decode\('([A-Za-z0-9+/=]+)'\)/g;

function readablePacked(text) {
  return text.replace(BLOB, (_, blob) => {
    const script = inflateSync(Buffer.from(blob, 'base64'));
    const digest = createHash('sha256').update(script).digest('hex');
    return `b64decode('<step script, ${script.length} bytes, sha256 ${digest.slice(0, 16)}>')`;
  });
}

module.exports = { readablePacked };
