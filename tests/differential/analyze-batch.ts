/**
 * The analyzer's side of the differential test against CPython (tests/differential): reads
 * one JSON request per line on stdin, `{"id": ..., "source": ..., "cell": bool}`, and writes one
 * JSON line per request: the syntax errors the analyzer reports (1-based lines, and the reason
 * each gives, null where it gives none) and, for a
 * notebook cell (`cell`), the Python it analysed once IPython magics were stripped. Replies
 * are written 64 at a time; a line `{"flush": true}` writes those waiting at once (for a client
 * asking one source at a time).
 */
import { createInterface } from 'node:readline';
import { analyzeCellSource } from '../../src/core/analysis/cell-analysis';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

// Lines are read (and paused) only once the parser is loaded.
const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
input.pause();
void initPythonParserFromFiles().then(() => input.resume());
const out: string[] = [];
input.on('line', line => {
  if (!line.trim()) {
    return;
  }
  const request = JSON.parse(line) as {
    id: string;
    source: string;
    cell?: boolean;
    flush?: boolean;
  };
  if (request.flush) {
    flush();
    return;
  }
  let reply: Record<string, unknown>;
  try {
    const analysis = analyzeCellSource(request.source);
    reply = {
      id: request.id,
      errors: analysis.names.syntaxErrors.map(e => e.line),
      reasons: analysis.names.syntaxErrors.map(e => e.reason ?? null),
      python: request.cell ? analysis.python : undefined
    };
  } catch (error) {
    reply = { id: request.id, crash: String((error as Error).stack) };
  }
  out.push(JSON.stringify(reply));
  if (out.length >= 64) {
    flush();
  }
});
input.on('close', flush);

function flush(): void {
  if (out.length) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}
