/** Jest transform: a template file becomes a module whose default export is its text. */
module.exports = {
  process(sourceText) {
    return {
      code: `module.exports = { __esModule: true, default: ${JSON.stringify(sourceText)} };`
    };
  }
};
