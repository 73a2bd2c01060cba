/**
 * The namespace from the settings (notebook metadata or the lab's settings) is in the exported
 * Workflow and its ConfigMaps (issue 15: Compile only and Export left it out); unset, the
 * documents name none and go to kubectl's current namespace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyzeNotebook } from '../../../../src/core/analyze';
import { compile } from '../../../../src/core/generate/compile';
import { ISettingsOverrides } from '../../../../src/core/settings/resolved';
import { schemaErrors } from './argo-schema';
import { FAN_OUT_CONFIGMAP_BUDGET } from '../../../support/fan-out-budget';

type Doc = any;

const FAN_OUT = JSON.parse(
  readFileSync(resolve(__dirname, '../../../../examples/fan-out.ipynb'), 'utf8')
);

function documents(nb: object, overrides: ISettingsOverrides): Doc[] {
  const compiled = compile(
    analyzeNotebook(nb, 'fan-out.ipynb'),
    'argo',
    overrides
  );
  const parsed = parseAllDocuments(compiled.text).map(d => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });
  expect(parsed).toEqual(compiled.documents);
  expect(schemaErrors(parsed[parsed.length - 1])).toEqual([]);
  return parsed;
}

describe('the namespace of an exported Workflow', () => {
  it('is the one the lab settings give', () => {
    const [workflow] = documents(FAN_OUT, { namespace: 'team-a' });
    expect(workflow.kind).toBe('Workflow');
    expect(workflow.metadata.namespace).toBe('team-a');
    expect(Object.keys(workflow.metadata).slice(0, 2)).toEqual([
      'generateName',
      'namespace'
    ]);
  });

  it('is the notebook metadata one unless the lab settings give another', () => {
    const nb = {
      ...FAN_OUT,
      metadata: {
        ...FAN_OUT.metadata,
        cellpipe: { ...FAN_OUT.metadata.cellpipe, namespace: 'from-notebook' }
      }
    };
    expect(documents(nb, {})[0].metadata.namespace).toBe('from-notebook');
    expect(documents(nb, { namespace: 'team-b' })[0].metadata.namespace).toBe(
      'team-b'
    );
  });

  it('is on every ConfigMap holding step code too', () => {
    const parsed = documents(FAN_OUT, {
      namespace: 'team-a',
      argo: { sizeBudgetBytes: FAN_OUT_CONFIGMAP_BUDGET }
    });
    const configMaps = parsed.filter(d => d.kind === 'ConfigMap');
    expect(configMaps.length).toBeGreaterThan(0);
    for (const configMap of configMaps) {
      expect({
        name: configMap.metadata.name,
        namespace: configMap.metadata.namespace
      }).toEqual({ name: configMap.metadata.name, namespace: 'team-a' });
    }
    expect(parsed[parsed.length - 1].metadata.namespace).toBe('team-a');
  });

  it('is left out when no setting names one', () => {
    const parsed = documents(FAN_OUT, {
      argo: { sizeBudgetBytes: FAN_OUT_CONFIGMAP_BUDGET }
    });
    expect(parsed.length).toBeGreaterThan(1);
    for (const doc of parsed) {
      expect(doc.metadata).not.toHaveProperty('namespace');
    }
  });
});
