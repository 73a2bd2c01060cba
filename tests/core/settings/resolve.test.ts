import { resolveSettings } from '../../../src/core/settings/resolve';
import { DEFAULT_SECURITY } from '../../../src/core/settings/defaults';
import {
  containerSecurityContext,
  podSecurityContext,
  securityWeakenings
} from '../../../src/core/settings/security';
import { analyzeNotebook } from '../../../src/core/analyze';
import { UserError } from '../../../src/core/errors';
import { makeIR } from '../../support/ir';
import { codeCell, notebookJson } from '../../support/notebook-json';

function notebook(metadata: Record<string, unknown>) {
  return notebookJson([codeCell('x = 1\n', ['step:load'])], metadata);
}

function thrown(action: () => unknown): UserError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('settings resolution: defaults < notebook metadata < overrides', () => {
  it('starts from defaults that meet Pod Security restricted', () => {
    const settings = resolveSettings(makeIR());
    expect(settings.target).toBe('local');
    expect(settings.security).toEqual(DEFAULT_SECURITY);
    expect(securityWeakenings(settings.security)).toEqual([]);
    expect(podSecurityContext(settings.security)).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 100,
      fsGroup: 100,
      seccompProfile: { type: 'RuntimeDefault' }
    });
    expect(containerSecurityContext(settings.security)).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true
    });
    expect(settings.argo.sizeBudgetBytes).toBe(256 * 1024);
  });

  it('takes metadata.cellpipe over defaults, and overrides over metadata', () => {
    const ir = analyzeNotebook(
      notebook({
        cellpipe: {
          name: 'from-notebook',
          target: 'argo',
          namespace: 'team-a',
          image: 'registry.example.com/ds/notebook:1.2',
          security: { runAsUser: 2000 },
          argo: { dataPassing: 'artifacts' }
        }
      }),
      'nb.ipynb'
    );
    const fromNotebook = resolveSettings(ir);
    expect(fromNotebook.name).toBe('from-notebook');
    expect(fromNotebook.target).toBe('argo');
    expect(fromNotebook.namespace).toBe('team-a');
    expect(fromNotebook.image).toBe('registry.example.com/ds/notebook:1.2');
    expect(fromNotebook.security.runAsUser).toBe(2000);
    expect(fromNotebook.security.fsGroup).toBe(100);
    expect(fromNotebook.argo.dataPassing).toBe('artifacts');
    expect(fromNotebook.argo.accessMode).toBe('ReadWriteOnce');

    const overridden = resolveSettings(ir, {
      namespace: 'team-b',
      security: { fsGroup: 3000 },
      argo: { sizeBudgetBytes: 4096 }
    });
    expect(overridden.namespace).toBe('team-b');
    expect(overridden.security.runAsUser).toBe(2000);
    expect(overridden.security.fsGroup).toBe(3000);
    expect(overridden.argo.dataPassing).toBe('artifacts');
    expect(overridden.argo.sizeBudgetBytes).toBe(4096);
  });

  it("falls back to Kale's kubeflow_notebook metadata", () => {
    const ir = analyzeNotebook(
      notebook({
        kubeflow_notebook: {
          pipeline_name: 'kale-pipe',
          docker_image: 'gcr.io/arrikto/jupyter-kale:v0.5.0',
          experiment_name: 'exp',
          steps_defaults: ['limit:memory:2Gi', 'label:team:ml']
        }
      }),
      'kale.ipynb'
    );
    const settings = resolveSettings(ir);
    expect(settings.name).toBe('kale-pipe');
    expect(settings.image).toBe('gcr.io/arrikto/jupyter-kale:v0.5.0');
    expect(settings.experiment).toBe('exp');
    expect(settings.stepDefaults.limits).toEqual({ memory: '2Gi' });
    expect(settings.stepDefaults.labels).toEqual({ team: 'ml' });
  });

  it('lists every weakening, and none for the defaults', () => {
    const settings = resolveSettings(makeIR(), {
      security: {
        runAsNonRoot: false,
        runAsUser: 0,
        allowPrivilegeEscalation: true,
        dropAllCapabilities: false,
        seccompProfile: 'Unconfined',
        readOnlyRootFilesystem: false,
        automountServiceAccountToken: true
      }
    });
    expect(securityWeakenings(settings.security)).toHaveLength(7);
    expect(podSecurityContext(settings.security).runAsNonRoot).toBeUndefined();
    expect(
      containerSecurityContext(settings.security).capabilities
    ).toBeUndefined();
  });
});

describe('settings resolution refuses bad values, naming notebook and key', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['target', { target: 'airflow' }, /target must be one of local, argo, kfp/],
    ['namespace', { namespace: 'Team_A' }, /namespace "Team_A" is not a valid/],
    ['image', { image: 'python:3.11 ; rm -rf /' }, /not a container image/],
    ['image newline', { image: 'python\n:3' }, /control characters/],
    [
      'uid',
      { security: { runAsUser: -1 } },
      /security.runAsUser must be an integer/
    ],
    ['uid type', { security: { runAsUser: '1000' } }, /security.runAsUser/],
    ['flag type', { security: { runAsNonRoot: 'yes' } }, /true or false/],
    [
      'seccomp',
      { security: { seccompProfile: 'Localhost' } },
      /RuntimeDefault or Unconfined/
    ],
    [
      'nodeSelector',
      { nodeSelector: { 'bad key!': 'x' } },
      /not a valid label key/
    ],
    [
      'nodeSelector value',
      { nodeSelector: { pool: 'a b' } },
      /not a valid label value/
    ],
    [
      'tolerations',
      { tolerations: [{ effect: 'Sometimes' }] },
      /tolerations\[0\].effect/
    ],
    ['pull secrets', { imagePullSecrets: 'regcred' }, /list of strings/],
    [
      'volume size',
      { argo: { volumeSize: '10 GB' } },
      /not a Kubernetes quantity/
    ],
    ['data passing', { argo: { dataPassing: 'nfs' } }, /volume or artifacts/],
    ['ui url', { argo: { uiUrl: 'javascript:alert(1)' } }, /http\(s\) URL/]
  ];
  it.each(cases)('%s', (_label, metadata, message) => {
    const ir = analyzeNotebook(notebook({ cellpipe: metadata }), 'bad.ipynb');
    const error = thrown(() => resolveSettings(ir));
    expect(error.message).toMatch(message);
    expect(error.describe()).toMatch(/^bad\.ipynb: notebook metadata: /);
  });

  it('says "settings" for a bad override', () => {
    const error = thrown(() =>
      resolveSettings(makeIR(), { namespace: '../etc' })
    );
    expect(error.message).toMatch(/^settings: namespace/);
  });
});
