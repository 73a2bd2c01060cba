/**
 * Every corpus notebook compiles for Argo, and every Workflow validates against Argo's schema
 * and reads back exactly as built. Untagged notebooks are tagged by headings in memory.
 */
import { parseAllDocuments } from 'yaml';
import { compile } from '../../../../src/core/generate/compile';
import { corpusNotebooks } from '../../../security/corpus-irs';
import { schemaErrors } from './argo-schema';

const notebooks = corpusNotebooks();

describe('the corpus compiled for Argo', () => {
  it('holds 20 notebooks, each usable as a pipeline', () => {
    expect(notebooks).toHaveLength(20);
    expect(notebooks.filter(n => n.unusable)).toEqual([]);
  });

  it.each(notebooks.map(n => [n.name, n] as const))('%s', (_name, notebook) => {
    const ir = notebook.ir!;
    const errors = ir.diagnostics.filter(d => d.severity === 'error');
    if (errors.length) {
      expect(() => compile(ir, 'argo')).toThrow(errors[0].message);
      return;
    }
    const compiled = compile(ir, 'argo');
    const documents = parseAllDocuments(compiled.text).map(d => {
      expect(d.errors).toEqual([]);
      return d.toJS();
    });
    expect(documents).toEqual(compiled.documents);
    const workflow = documents[documents.length - 1];
    expect(schemaErrors(workflow)).toEqual([]);
    const tasks: string[] = JSON.parse(
      workflow.metadata.annotations['cellpipe.dev/tasks']
    );
    expect(tasks).toHaveLength(ir.steps.length);
  });
});
