/** `cellpipe analyze NB [--json]` (design §4). */
import { ICliCommand } from '../command';
import { oneNotebook, parseArgs } from '../args';
import { analyzeNotebookText } from '../../core/analyze';
import {
  analyzeSummary,
  formatSummary,
  hasErrors
} from '../../core/ir/summary';
import { readNotebookFile } from '../../engine/notebook-file';

const usage = `usage: cellpipe analyze NOTEBOOK [--json]

Prints the steps, the variables each takes from which step, and the diagnostics.
  --json   print the pipeline IR summary as one JSON object
Exits 1 if any diagnostic is an error.`;

export const analyzeCommand: ICliCommand = {
  name: 'analyze',
  summary: 'show the steps, their data flow and the diagnostics',
  usage,
  async run(args) {
    const parsed = parseArgs(args, { flags: ['--json'] });
    const path = oneNotebook(parsed, usage);
    const ir = analyzeNotebookText(readNotebookFile(path), path);
    if (parsed.flags.has('--json')) {
      process.stdout.write(JSON.stringify(analyzeSummary(ir), null, 2) + '\n');
    } else {
      process.stdout.write(formatSummary(ir) + '\n');
    }
    return hasErrors(ir) ? 1 : 0;
  }
};
