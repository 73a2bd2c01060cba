/** Entry point of `cellpipe`: dispatches to a subcommand and turns errors into messages. */
import { commands } from './commands/index';
import { UserError } from '../core/errors';
import { ICliCommand } from './command';
import { isAnalysisWorker } from '../engine/server/analysis-thread';
import { initPythonParserFromFiles } from '../engine/python-parser';

import { VERSION } from './version';

export { VERSION };

function overview(): string {
  const width = Math.max(...commands.map(c => c.name.length), 4);
  const lines = commands.map(
    c => `  ${c.name.padEnd(width)}  ${c.load().summary}`
  );
  return [
    'usage: cellpipe <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `cellpipe <command> --help` for the options of a command.'
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(overview() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const entry = commands.find(c => c.name === name);
  const command: ICliCommand | undefined = entry?.load();
  if (!entry || !command) {
    process.stderr.write(
      `cellpipe: unknown command '${name}'\n\n${overview()}\n`
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    if (entry.parsesPython) {
      await initPythonParserFromFiles();
    }
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`cellpipe ${name}: ${error.describe()}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `cellpipe ${name}: internal error: ${message}\n` +
        'This is a bug in cellpipe; set CELLPIPE_DEBUG=1 for the stack trace.\n'
    );
    if (process.env.CELLPIPE_DEBUG && error instanceof Error) {
      process.stderr.write(String(error.stack) + '\n');
    }
    return 70;
  }
}

/** Runs `main` and sets the process exit code; used by bin/cellpipe.js and `node cellpipe.cjs`. */
export function runMain(argv: string[] = process.argv.slice(2)): void {
  // `cellpipe ... | head` closes the pipe early: stop quietly, as other tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') {
        process.exit(process.exitCode ?? 0);
      }
      throw error;
    });
  }
  main(argv).then(
    code => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Outside main's own handling (a command's code failed to load): said all the same.
      process.stderr.write(
        `cellpipe: internal error: ${error instanceof Error ? error.message : String(error)}\n`
      );
      if (process.env.CELLPIPE_DEBUG && error instanceof Error) {
        process.stderr.write(String(error.stack) + '\n');
      }
      process.exitCode = 70;
    }
  );
}

if (isAnalysisWorker()) {
  // The engine's analysis thread loads this bundle (src/engine/server/analysis-thread.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../engine/server/analysis-worker').serveAnalyses();
} else if (require.main === module) {
  runMain();
}
