/**
 * The offline examples run end to end through the real CLI, and their metrics equal those of the
 * same notebook executed top to bottom as one program. Parameters and caching on top.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli';
import {
  runJson,
  runMetrics,
  sequentialMetrics,
  step,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';

const EXAMPLES = join(ROOT, 'examples');
const example = (name: string) => join(EXAMPLES, `${name}.ipynb`);

describe('offline examples', () => {
  const home = tempHome();

  it.each([
    ['linear-chain', ['accuracy', 'errors']],
    ['fan-out', ['best_model', 'best_cv', 'best_test']],
    ['parameters-and-metrics', ['accuracy', 'macro_f1', 'train_rows']]
  ])(
    '%s runs to Succeeded with the metrics of a top-to-bottom run',
    (name, metrics) => {
      const { code, record, stderr } = runJson(home, [
        example(name),
        '--no-cache'
      ]);
      expect({
        code,
        status: record.status,
        stderr: code ? stderr : ''
      }).toEqual({ code: 0, status: 'Succeeded', stderr: '' });
      expect(record.steps.length).toBeGreaterThan(0);
      for (const step of record.steps) {
        expect({
          step: step.name,
          status: step.status,
          cached: step.cached
        }).toEqual({ step: step.name, status: 'Succeeded', cached: false });
      }
      const reference = sequentialMetrics(example(name), metrics);
      expect(runMetrics(record)).toEqual(reference);
    }
  );

  it('a fresh Python per step (--no-warm) gives the same metrics as forking from the warm interpreter', () => {
    const nb = example('linear-chain');
    const warm = runJson(home, [nb, '--no-cache']);
    const cold = runJson(home, [nb, '--no-cache', '--no-warm']);
    expect([warm.code, cold.code]).toEqual([0, 0]);
    expect(runMetrics(cold.record)).toEqual(runMetrics(warm.record));
    expect(runMetrics(cold.record)).toEqual(
      sequentialMetrics(nb, ['accuracy', 'errors'])
    );
  });

  it('--param overrides change the result as a top-to-bottom run with the same values does', () => {
    const nb = example('parameters-and-metrics');
    const names = ['accuracy', 'macro_f1', 'train_rows'];
    const defaults = runMetrics(runJson(home, [nb]).record);
    const { code, record } = runJson(home, [
      nb,
      '--param',
      'test_size=0.5',
      '--param',
      'n_estimators=2',
      '--param',
      'max_depth=1'
    ]);
    expect(code).toBe(0);
    expect(record.params).toEqual({
      test_size: 0.5,
      seed: 7,
      n_estimators: 2,
      max_depth: 1
    });
    const overridden = runMetrics(record);
    expect(overridden).toEqual(
      sequentialMetrics(nb, names, {
        test_size: 0.5,
        n_estimators: 2,
        max_depth: 1
      })
    );
    // 178 samples: a test share of 0.5 leaves 89 rows to train on instead of 124.
    expect(defaults.train_rows).toBe(124);
    expect(overridden.train_rows).toBe(89);
    expect(overridden.accuracy).not.toEqual(defaults.accuracy);
  });
});

describe('step caching', () => {
  const nb = example('parameters-and-metrics');

  it('a second run reuses every unchanged step; a parameter change reruns exactly its dependents', () => {
    const home = tempHome();
    const first = runJson(home, [nb]);
    expect(first.record.steps.map(s => s.cached)).toEqual([
      false,
      false,
      false
    ]);

    const second = runJson(home, [nb]);
    expect(second.code).toBe(0);
    expect(second.record.steps.map(s => [s.name, s.status, s.cached])).toEqual([
      ['split', 'Succeeded', true],
      ['train', 'Succeeded', true],
      ['evaluate', 'Succeeded', true]
    ]);
    expect(runMetrics(second.record)).toEqual(runMetrics(first.record));

    // max_depth is read by train only: split stays cached, train reruns, and evaluate
    // reruns because its input (the model) changed.
    const depth = runJson(home, [nb, '--param', 'max_depth=1']);
    expect(depth.record.steps.map(s => [s.name, s.cached])).toEqual([
      ['split', true],
      ['train', false],
      ['evaluate', false]
    ]);
    // seed is read by split and train: everything reruns.
    const seed = runJson(home, [nb, '--param', 'seed=3']);
    expect(seed.record.steps.map(s => s.cached)).toEqual([false, false, false]);
    // Back to the first values: all cached again, same metrics.
    const again = runJson(home, [nb]);
    expect(again.record.steps.map(s => s.cached)).toEqual([true, true, true]);
    expect(runMetrics(again.record)).toEqual(runMetrics(first.record));
  });

  it('a step tagged cache:disabled always runs; a downstream step whose input is unchanged stays cached', () => {
    const home = tempHome();
    const dir = require('node:fs').mkdtempSync(
      join(require('node:os').tmpdir(), 'cellpipe-cache-')
    ) as string;
    const notebook = writeNotebook(dir, 'fresh.ipynb', [
      { source: 'import time', tags: ['imports'] },
      { source: 'rows = list(range(5))', tags: ['step:load'] },
      {
        source: 'checked = sorted(rows)\nstamp = time.time()',
        tags: ['step:check', 'cache:disabled']
      },
      { source: 'total = sum(checked)', tags: ['step:report'] },
      { source: 'late = stamp', tags: ['step:when'] }
    ]);
    runJson(home, [notebook]);
    const { record } = runJson(home, [notebook]);
    expect(record.steps.map(s => [s.name, s.cached])).toEqual([
      ['load', true],
      ['check', false],
      // Same content as before: reused.
      ['report', true],
      // stamp differs on every run, so its consumer reruns.
      ['when', false]
    ]);
  });

  it('a cached step keeps the log of the step that ran, under a line saying it is reused', () => {
    const home = tempHome();
    const dir = mkdtempSync(join(tmpdir(), 'cellpipe-cache-log-'));
    const notebook = writeNotebook(dir, 'printing.ipynb', [
      {
        source: 'rows = list(range(4))\nprint("made", len(rows), "rows")',
        tags: ['step:load']
      },
      {
        source: 'total = sum(rows)\nprint("total is", total)',
        tags: ['step:report']
      }
    ]);
    const first = runJson(home, [notebook]);
    expect(first.code).toBe(0);
    const second = runJson(home, [notebook]);
    const third = runJson(home, [notebook]);
    for (const [run, from] of [
      [second, first],
      [third, second]
    ]) {
      expect(run.record.steps.map(s => [s.name, s.cached])).toEqual([
        ['load', true],
        ['report', true]
      ]);
      const log = readFileSync(
        step(run.record, 'report').log as string,
        'utf8'
      );
      const lines = log.split('\n');
      expect(lines[0]).toBe(
        `cellpipe: outputs reused from run ${from.record.id}, step report (cached); what the step printed when it ran:`
      );
      // Once, even when reused from a run that itself reused it.
      expect(lines.filter(line => line === 'total is 6')).toHaveLength(1);
      expect(
        lines.filter(line => line.includes('outputs reused'))
      ).toHaveLength(1);
    }
  });

  it('--no-cache runs every step', () => {
    const home = tempHome();
    runJson(home, [nb]);
    const { record } = runJson(home, [nb, '--no-cache']);
    expect(record.steps.map(s => s.cached)).toEqual([false, false, false]);
  });
});
