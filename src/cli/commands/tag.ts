/** `cellpipe tag NB --by-headings [--in-place | -o OUT]` (issue 2 item 7). */
import { existsSync } from 'node:fs';
import { UserError } from '../../core/errors';
import { NotebookError, parseNotebookText } from '../../core/notebook/model';
import { tagByHeadings } from '../../core/notebook/tag-by-headings';
import { readNotebookFile } from '../../engine/notebook-file';
import { serializeLike, writeFileAtomic } from '../../engine/notebook-json';
import { ICliCommand } from '../command';
import { oneNotebook, parseArgs } from '../args';
import { cellNumber } from '../../core/cell-number';

const usage = `usage: cellpipe tag NOTEBOOK --by-headings [--in-place | -o OUTPUT]

Writes a step:NAME tag on the first code cell after each "## " markdown heading (and
"imports" on leading import-only cells). Only metadata.tags changes.
  --by-headings   tag by level-2 markdown headings (the only strategy so far)
  -o, --output    where to write (default: NOTEBOOK with .tagged.ipynb, never overwritten)
  --in-place      rewrite NOTEBOOK itself`;

export const tagCommand: ICliCommand = {
  name: 'tag',
  summary: 'write step tags into an untagged notebook (by ## headings)',
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      flags: ['--by-headings', '--in-place'],
      options: ['--output'],
      aliases: { '-o': '--output' }
    });
    const path = oneNotebook(parsed, usage);
    if (!parsed.flags.has('--by-headings')) {
      throw new UserError(`say how to tag: --by-headings\n${usage}`);
    }
    if (parsed.flags.has('--in-place') && parsed.options.has('--output')) {
      throw new UserError('use either --in-place or --output, not both');
    }
    const text = readNotebookFile(path);
    try {
      parseNotebookText(text, path);
    } catch (error) {
      if (error instanceof NotebookError) {
        throw new UserError(error.message, {
          notebook: path,
          line: error.line
        });
      }
      throw error;
    }
    const tagging = tagByHeadings(JSON.parse(text), path);
    const output = parsed.flags.has('--in-place')
      ? path
      : (parsed.options.get('--output') ??
        path.replace(/(\.ipynb)?$/, '.tagged.ipynb'));
    if (
      output !== path &&
      !parsed.options.has('--output') &&
      existsSync(output)
    ) {
      throw new UserError(
        `${output} exists already; pass -o OUTPUT or --in-place`
      );
    }
    writeFileAtomic(output, serializeLike(text, tagging.notebook));
    const lines = [
      ...tagging.steps.map(step => ({
        cell: step.cell,
        text: `step:${step.name}  (${step.heading})`
      })),
      ...tagging.imports.map(cell => ({ cell, text: 'imports' }))
    ].sort((a, b) => a.cell - b.cell);
    lines.forEach(line =>
      process.stdout.write(`cell ${cellNumber(line.cell)}: ${line.text}\n`)
    );
    process.stdout.write(`wrote ${output}: ${tagging.steps.length} steps\n`);
    return 0;
  }
};
