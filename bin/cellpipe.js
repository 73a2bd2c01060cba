#!/usr/bin/env node
// The `cellpipe` command: everything lives in the bundled engine (npm run build:engine).
require('../cellpipe/engine/cellpipe.cjs').runMain();
