// Compile goldens keep packed step scripts readable in review: each zlib+base64 blob that a
// packed `python3 -c` command carries (src/core/generate/packed-script.ts) is replaced by the
// name of its step script's sha256, and so is the packed runtime, the value of the pipeline's
// runtime parameter; the scripts themselves are checked by the step script tests.
// CommonJS, so both the golden test and scripts/refresh-golden-compile.mjs use it.
const { createHash } = require('node:crypto');
const { inflateSync } = require('node:zlib');

const BLOB = /b64decode\('([A-Za-z0-9+/=]+)'\)/g;
// The runtime parameter's value: a JSON string of base64 alone, long enough to be no name.
const RUNTIME = /"([A-Za-z0-9+/]{256,}={0,2})"/g;

function described(what, blob) {
  const script = inflateSync(Buffer.from(blob, 'base64'));
  const digest = createHash('sha256').update(script).digest('hex');
  return `<${what}, ${script.length} bytes, sha256 ${digest.slice(0, 16)}>`;
}

function readablePacked(text) {
  return text
    .replace(
      BLOB,
      (_, blob) => `b64decode('${described('step script', blob)}')`
    )
    .replace(RUNTIME, (_, blob) => `"${described('packed runtime', blob)}"`);
}

module.exports = { readablePacked };
