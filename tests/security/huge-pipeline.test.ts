/**
 * Issue 14, finding 13: a 20,000-step notebook compiled for KFP ran 25 s at 1.2 GB and then
 * exited 70 with `RangeError: Invalid string length`. Now it is refused before anything is
 * rendered, with exit 2 and a message that says why and what to do; so is one step over the
 * limit, for both targets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebook } from '../../src/core/analyze';
import { compile } from '../../src/core/generate/compile';
import { MAX_CLUSTER_STEPS } from '../../src/core/generate/step-limit';
import { UserError } from '../../src/core/errors';
import { cellpipe } from '../support/cli';

/** A chain of `steps` one-line steps, each reading the previous step's variable. */
function chain(steps: number): object {
  const cells = [];
  for (let i = 0; i < steps; i++) {
    cells.push({
      cell_type: 'code',
      execution_count: null,
      metadata: { tags: [`step:s${i}`] },
      outputs: [],
      source: i ? `x${i} = x${i - 1} + 1` : 'x0 = 0'
    });
  }
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

describe('a pipeline with very many steps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-huge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('20,000 steps for KFP: exit 2 with a clear message, no document, no RangeError', () => {
    const path = join(dir, 'huge.ipynb');
    writeFileSync(path, JSON.stringify(chain(20_000)));
    const output = join(dir, 'huge.yaml');
    const result = cellpipe(['compile', path, '--target', 'kfp', '-o', output]);
    expect(result.stderr).not.toMatch(
      /RangeError|internal error|bug in cellpipe/
    );
    expect(result.stderr).toContain(
      '20,000 steps are too many for one KFP pipeline: cellpipe compiles at most 2,000 steps'
    );
    expect(result.stderr).toContain('huge.ipynb');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });

  it.each(['argo', 'kfp'] as const)(
    'one step over the limit is refused for %s before rendering',
    target => {
      const ir = analyzeNotebook(chain(MAX_CLUSTER_STEPS + 1), 'over.ipynb');
      expect(ir.steps).toHaveLength(MAX_CLUSTER_STEPS + 1);
      expect(() => compile(ir, target)).toThrow(UserError);
      expect(() => compile(ir, target)).toThrow(/too many for one (Argo|KFP)/);
    }
  );
});
