/**
 * A step whose packed code is longer than one program argument may be (Linux: 128 KiB) still
 * starts: its command carries the packed part in several arguments, and a real Python runs it.
 * The embedded form of the same step is refused by the kernel (E2BIG), as a pod's container
 * would be.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebookText } from '../../../src/core/analyze';
import { UserError } from '../../../src/core/errors';
import { compile } from '../../../src/core/generate/compile';
import {
  ARGUMENT_LIMIT,
  packedProgram,
  packedRuntime
} from '../../../src/core/generate/packed-script';
import { renderStepScriptParts } from '../../../src/core/generate/step-script';
import { packedCommands, unpackCommand } from '../../support/packed';
import { codeCell, notebookJson } from '../../support/notebook-json';

/** `size` bytes that do not compress (a fixed linear congruential sequence), as base64. */
function noise(size = 150_000): string {
  const bytes = Buffer.alloc(size);
  let state = 20261201;
  for (let i = 0; i < bytes.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes.toString('base64');
}

function blobNotebook(blob: string): string {
  return JSON.stringify(
    notebookJson([
      codeCell(
        `import hashlib\nblob = ${JSON.stringify(blob)}\n` +
          'print("blob", len(blob), hashlib.sha256(blob.encode()).hexdigest())\n',
        ['step:carry']
      )
    ])
  );
}

const BLOB = noise();
const NOTEBOOK = blobNotebook(BLOB);

function stepCommand(documents: unknown[]): string[] {
  const found = packedCommands(documents);
  expect(found).toHaveLength(1);
  return found[0];
}

function run(command: string[]) {
  const work = mkdtempSync(join(tmpdir(), 'cellpipe-long-'));
  return spawnSync('python3', [...command.slice(1), packedRuntime()], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, HOME: work }
  });
}

const expected = `blob ${BLOB.length} ${createHash('sha256').update(BLOB).digest('hex')}`;

describe.each(['argo', 'kfp'] as const)(
  'a step too long for one argument, %s',
  target => {
    it('goes in several arguments, each within the limit, and runs in a real Python', () => {
      const ir = analyzeNotebookText(NOTEBOOK, 'long.ipynb');
      const compiled = compile(ir, target);
      const command = stepCommand(compiled.documents);
      expect(command.length).toBeGreaterThan(4);
      for (const argument of command) {
        expect(argument.length).toBeLessThanOrEqual(ARGUMENT_LIMIT);
      }
      expect(unpackCommand(command)).toContain(`blob = "${BLOB.slice(0, 40)}`);
      const result = run(command);
      expect(result.stderr).not.toMatch(/Traceback/);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`${expected}\n`);
    });
  }
);

it('the same step as one embedded program is refused by the kernel (E2BIG)', () => {
  const ir = analyzeNotebookText(NOTEBOOK, 'long.ipynb');
  const part = renderStepScriptParts(ir, ir.steps[0]).step;
  const program = packedProgram(part);
  expect(program.length).toBeGreaterThan(128 * 1024);
  const result = run(['python3', '-c', program]);
  expect((result.error as NodeJS.ErrnoException | undefined)?.code).toBe(
    'E2BIG'
  );
});

it('KFP refuses a step whose command would pass 1 MiB, naming the step and its cell', () => {
  const ir = analyzeNotebookText(blobNotebook(noise(900_000)), 'huge.ipynb');
  expect(() => compile(ir, 'kfp')).toThrow(
    /^step 'carry' is \d+ KiB of packed code, more than the 1024 KiB a KFP step's command can carry/
  );
  try {
    compile(ir, 'kfp');
  } catch (error) {
    expect((error as UserError).describe()).toMatch(
      /^huge\.ipynb, cell 1: step 'carry'/
    );
  }
});
