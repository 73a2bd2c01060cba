/**
 * Hostile step names, notebook names and pipeline names (issue 3, injection). A step name the
 * analyzer's rule refuses is refused with a UserError naming the notebook and the cell; a valid
 * one compiles for both targets to clean YAML with one pod per step (never two steps merged
 * into one by a name rewrite); notebook and pipeline names reach documents and scripts intact.
 */
import fc from 'fast-check';
import { hostileString } from '../../../support/hostile';
import { hostileNotebook } from './hostile-notebook';
import {
  analyze,
  collectScripts,
  expectAllCompile,
  refusal,
  RUNS
} from './outcome';
import { compileAndReadBack, IReadBack } from './read-back';
import { IObject } from '../../../security/object-access';
import { PythonBatch } from './python-batch';

/** The analyzer's step-name rule (design §3, src/core/ir/segment.ts). */
const VALID_STEP = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const stepName = fc
  .oneof(
    hostileString,
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,70}$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/)
  )
  // Tags are trimmed and `step:` alone continues the step above: neither is a name.
  .filter(name => name !== '' && name === name.trim());

/** Hostile text around a letter: a name there is something to call the Workflow after. */
const namedHostile = fc
  .tuple(hostileString, fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), hostileString)
  .map(parts => parts.join(''));

/** Kubernetes object names (DNS-1123) and KFP pipeline names the targets derive must be valid. */
function objectNames(result: IReadBack): { target: string; valid: boolean } {
  let valid: boolean;
  if (result.target === 'argo') {
    const workflow = result.documents.find(doc => doc.kind === 'Workflow')!;
    const metadata = workflow.metadata as IObject;
    const prefix = String(metadata.generateName ?? metadata.name);
    valid =
      prefix.length <= 58 &&
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?-?$/.test(prefix) &&
      result.documents
        .filter(doc => doc.kind === 'ConfigMap')
        .every(doc => DNS_LABEL.test(String((doc.metadata as IObject).name)));
  } else {
    const pipeline = result.documents.find(doc => doc.pipelineInfo)!;
    valid = /^[a-z0-9][a-z0-9-]{0,127}$/.test(
      String((pipeline.pipelineInfo as IObject).name)
    );
  }
  return { target: result.target, valid };
}

const PARAMETERS = [{ name: 'rate', type: 'float' as const, value: 0.5 }];

function twoSteps(first: string, second: string) {
  return hostileNotebook({
    parameters: PARAMETERS,
    steps: [
      { name: first, tags: [] },
      { name: second, tags: [] }
    ]
  });
}

describe('hostile step names', () => {
  const batch = new PythonBatch();

  it(`are refused with the cell, or compile with one pod per step (${RUNS} runs)`, () => {
    let compiled = 0;
    fc.assert(
      fc.property(stepName, stepName, (first, second) => {
        fc.pre(first !== second);
        const ir = analyze(twoSteps(first, second), 'steps.ipynb');
        let results: IReadBack[] = [];
        const error = refusal(() => {
          results = compileAndReadBack(ir);
        });
        const invalid = [first, second].filter(name => !VALID_STEP.test(name));
        if (invalid.length) {
          expect(error).not.toBeNull();
          expect(error!.location.notebook).toBe('steps.ipynb');
          expect([2, 3]).toContain(error!.location.cell);
          expect(error!.describe()).toMatch(
            /^steps\.ipynb, cell [34], line \d+: step name [\s\S]* is not valid/
          );
          return;
        }
        if (error) {
          // A valid name a target cannot carry: refused by name, never rewritten silently.
          expect(
            [first, second].some(name => error.message.includes(name))
          ).toBe(true);
          expect([first, second].every(name => DNS_LABEL.test(name))).toBe(
            false
          );
          return;
        }
        compiled++;
        for (const result of results) {
          const names = result.pods.map(pod => pod.metadata.name);
          expect(new Set(names).size).toBe(2);
        }
        collectScripts(batch, results, 2);
      }),
      { numRuns: RUNS }
    );
    expect(compiled).toBeGreaterThan(RUNS / 10);
  });

  it('every embedded step script compiles', () => {
    expectAllCompile(batch);
  });
});

describe('hostile notebook and pipeline names', () => {
  const batch = new PythonBatch();

  it(`reach documents and scripts intact, or are refused (${RUNS} runs)`, () => {
    let compiled = 0;
    // Names holding template syntax are refused by design (§5); the rest should mostly compile.
    let braceFree = 0;
    fc.assert(
      fc.property(
        namedHostile,
        fc.option(namedHostile),
        (notebookName, pipelineName) => {
          const path = `${notebookName}.ipynb`;
          const notebook = hostileNotebook({
            parameters: PARAMETERS,
            steps: [
              { name: 'load', tags: [] },
              { name: 'train', tags: [] }
            ],
            settings: pipelineName === null ? undefined : { name: pipelineName }
          });
          const ir = analyze(notebook, path);
          let results: IReadBack[] = [];
          const error = refusal(() => {
            results = compileAndReadBack(ir);
          });
          const braces = `${notebookName}${pipelineName ?? ''}`.includes('{{');
          if (!braces) {
            braceFree++;
          }
          if (error) {
            expect(error.message.length).toBeGreaterThan(0);
            expect(error.message).not.toMatch(/undefined|\[object Object\]/);
            return;
          }
          compiled++;
          for (const result of results) {
            expect(objectNames(result)).toEqual({
              target: result.target,
              valid: true
            });
          }
          const argo = results.find(result => result.target === 'argo')!;
          const workflow = argo.documents.find(doc => doc.kind === 'Workflow')!;
          const annotations = (workflow.metadata as IObject)
            .annotations as IObject;
          // The display names survive exactly, beside the derived Kubernetes names.
          expect(annotations['cellpipe.dev/pipeline']).toBe(ir.pipeline.name);
          expect(annotations['cellpipe.dev/notebook']).toBe(ir.notebook);
          // The notebook name reaches every script intact, as Python reads it.
          collectScripts(batch, results, 2, { NOTEBOOK: ir.notebook });
        }
      ),
      { numRuns: RUNS }
    );
    expect(compiled).toBeGreaterThan(braceFree / 4);
  });

  it('every embedded step script compiles', () => {
    expectAllCompile(batch);
  });
});
