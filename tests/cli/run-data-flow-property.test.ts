/**
 * Differential property: a generated notebook (tests/support/data-flow-programs.ts) run as a
 * local pipeline, each step in its own Python process with only the data the analysis passes,
 * reports the same values as the same notebook run top to bottom in one process, as a kernel
 * runs it. A missed input, a stale function global or a lost in-place change shows as a
 * different `result`. 40 programs from the fixed seed; CELLPIPE_FLOW_RUNS sets another number
 * (and CELLPIPE_FC_SEED another seed) to explore.
 */
import * as fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  runJson,
  runMetrics,
  sequentialMetrics,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';
import { dataFlowProgram, StatementSeed } from '../support/data-flow-programs';

const seed: fc.Arbitrary<StatementSeed> = fc.tuple(
  fc.nat(20),
  fc.nat(20),
  fc.nat(20),
  fc.nat(20)
);
const programs = fc.array(fc.array(seed, { minLength: 1, maxLength: 3 }), {
  minLength: 2,
  maxLength: 5
});

describe('data flow: pipeline against top to bottom', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-data-flow-'));
  const home = tempHome();
  let count = 0;

  it('a local run reports what the notebook run top to bottom reports', () => {
    fc.assert(
      fc.property(programs, steps => {
        const { cells } = dataFlowProgram(steps);
        const notebook = writeNotebook(dir, `flow-${count++}.ipynb`, cells);
        const program = cells
          .map(c => `# ${c.tags[0]}\n${c.source}`)
          .join('\n');
        const reference = sequentialMetrics(notebook, ['result']);
        const { code, record, stderr } = runJson(home, [
          notebook,
          '--no-cache'
        ]);
        expect({ program, code, stderr: code ? stderr : '' }).toEqual({
          program,
          code: 0,
          stderr: ''
        });
        expect({ program, result: runMetrics(record).result }).toEqual({
          program,
          result: reference.result
        });
      }),
      { numRuns: Number(process.env.CELLPIPE_FLOW_RUNS ?? 40) }
    );
  });
});
