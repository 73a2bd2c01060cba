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

  it('mounts the volumes of the top layer that sets them, keeping only their keys', () => {
    const ir = analyzeNotebook(
      notebook({
        cellpipe: {
          volumes: [
            { claim: 'team-data', mountPath: '/data', readOnly: true },
            { claim: 'scratch', mountPath: '/scratch', subPath: 'runs/a' }
          ]
        }
      }),
      'vol.ipynb'
    );
    expect(resolveSettings(makeIR()).volumes).toEqual([]);
    expect(resolveSettings(ir).volumes).toEqual([
      { claim: 'team-data', mountPath: '/data', readOnly: true },
      { claim: 'scratch', mountPath: '/scratch', subPath: 'runs/a' }
    ]);
    // Lists replace: an override's volumes are the volumes.
    expect(
      resolveSettings(ir, {
        volumes: [{ claim: 'other', mountPath: '/other' }]
      }).volumes
    ).toEqual([{ claim: 'other', mountPath: '/other' }]);
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
    ['ui url', { argo: { uiUrl: 'javascript:alert(1)' } }, /http\(s\) URL/],
    [
      'volumes not a list',
      { volumes: { claim: 'a' } },
      /volumes must be a list/
    ],
    [
      'volume without a path',
      { volumes: [{ claim: 'data' }] },
      /volumes\[0\] needs claim and mountPath/
    ],
    [
      'volume key',
      { volumes: [{ claim: 'data', mountPath: '/data', mount_point: '/x' }] },
      /volumes\[0\]\.mount_point is not a volume setting \(expected one of claim, mountPath, subPath, readOnly\)/
    ],
    [
      'volume claim',
      { volumes: [{ claim: 'Data Set', mountPath: '/data' }] },
      /volumes\[0\]\.claim "Data Set" is not a valid Kubernetes name/
    ],
    [
      'relative mount path',
      { volumes: [{ claim: 'data', mountPath: 'data' }] },
      /volumes\[0\]\.mountPath must be an absolute path/
    ],
    [
      'root mount path',
      { volumes: [{ claim: 'data', mountPath: '/' }] },
      /mountPath must be an absolute path such as \/data, not \//
    ],
    [
      'mount path ..',
      { volumes: [{ claim: 'data', mountPath: '/data/../etc' }] },
      /mountPath must not have \. or \.\. parts: "\/data\/\.\.\/etc"/
    ],
    [
      'mount path /tmp',
      { volumes: [{ claim: 'data', mountPath: '/tmp/data' }] },
      /mountPath must lie outside \/tmp and \/cellpipe/
    ],
    [
      'mount path /cellpipe',
      { volumes: [{ claim: 'data', mountPath: '/cellpipe' }] },
      /mountPath must lie outside \/tmp and \/cellpipe/
    ],
    [
      'mount path newline',
      { volumes: [{ claim: 'data', mountPath: '/data\n' }] },
      /volumes\[0\]\.mountPath must not contain control characters/
    ],
    [
      'absolute sub path',
      { volumes: [{ claim: 'data', mountPath: '/d', subPath: '/etc' }] },
      /volumes\[0\]\.subPath must be a relative path/
    ],
    [
      'sub path ..',
      { volumes: [{ claim: 'data', mountPath: '/d', subPath: 'a/../../b' }] },
      /volumes\[0\]\.subPath must not have \. or \.\. parts/
    ],
    [
      'read-only flag',
      { volumes: [{ claim: 'data', mountPath: '/d', readOnly: 'yes' }] },
      /volumes\[0\]\.readOnly must be true or false/
    ],
    [
      'two volumes on one path',
      {
        volumes: [
          { claim: 'a', mountPath: '/data' },
          { claim: 'b', mountPath: '/data' }
        ]
      },
      /volumes\[1\]\.mountPath "\/data" is also the mountPath of volumes\[0\]/
    ]
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
