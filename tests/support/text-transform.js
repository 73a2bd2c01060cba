/**
 * Jest transform: a template file becomes a module whose default export is its text. The text
 * is read from disk, because Jest strips a leading `#!` line from the source it passes in, and
 * the step script template starts with one (esbuild's `text` loader keeps it).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

module.exports = {
  process(_sourceText, sourcePath) {
    const text = readFileSync(sourcePath, 'utf8');
    return {
      code: `module.exports = { __esModule: true, default: ${JSON.stringify(text)} };`
    };
  },
  getCacheKey(_sourceText, sourcePath) {
    const text = readFileSync(sourcePath, 'utf8');
    return createHash('sha256').update(`${sourcePath}\n${text}`).digest('hex');
  }
};
