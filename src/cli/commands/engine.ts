/** `cellpipe engine --root DIR`: the JSON-lines engine the Jupyter server extension talks to. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ICliCommand } from '../command';
import { parseArgs } from '../args';
import { UserError } from '../../core/errors';
import { serve } from '../../engine/server/serve';
import { IEngineContext } from '../../engine/server/run-methods';
import { INotebookRoot } from '../../engine/server/notebook-source';
import { VERSION } from '../version';

const usage = `usage: cellpipe engine [--root DIR]

Reads JSON requests, one per line, on stdin and writes one JSON response per line on stdout
(docs/internals.md, "The engine"). Notebook paths are relative to DIR (default: the current
directory) and may not leave it; hidden ones (a name starting with ".") are refused unless
CELLPIPE_ALLOW_HIDDEN=1. The Jupyter server extension starts this; there is no port.`;

export const engineCommand: ICliCommand = {
  name: 'engine',
  summary:
    'serve the lab over stdin/stdout (started by the Jupyter server extension)',
  usage,
  async run(args) {
    const parsed = parseArgs(args, { options: ['--root'] });
    if (parsed.positionals.length) {
      throw new UserError(`unexpected ${parsed.positionals[0]}\n${usage}`);
    }
    const root = resolve(parsed.options.get('--root') ?? '.');
    try {
      if (!statSync(root).isDirectory()) {
        throw new Error();
      }
    } catch {
      throw new UserError(`--root ${root} is not a directory`);
    }
    const entry = require.main?.filename ?? process.argv[1];
    // The Jupyter server passes its ContentsManager.allow_hidden (cellpipe/routes.py).
    const context: IEngineContext & INotebookRoot = {
      root,
      entry,
      allowHidden: process.env.CELLPIPE_ALLOW_HIDDEN === '1'
    };
    // Analyses run in a worker thread loading this same bundle (analysis-thread.ts).
    await serve(context, VERSION, process.stdin, process.stdout, {
      analysisEntry: __filename
    });
    return 0;
  }
};
