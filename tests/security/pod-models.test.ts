/**
 * The pod models themselves, on hand-written documents: what argo-pods.ts and kfp-pods.ts
 * build, and that the upstream checker accepts a restricted pod and denies each weakening.
 */
import { argoPods, mergePatch } from './argo-pods';
import { kfpPods } from './kfp-pods';
import { checkPods, denials, SKIP_PSA } from './psa-checker';

const restrictedContainer = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true
};

function workflow(overrides: Record<string, unknown> = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: 'p-' },
    spec: {
      entrypoint: 'main',
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 100,
        fsGroup: 100,
        seccompProfile: { type: 'RuntimeDefault' }
      },
      automountServiceAccountToken: false,
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: {} }],
      templates: [
        { name: 'main', dag: { tasks: [{ name: 'a', template: 'step-a' }] } },
        {
          name: 'step-a',
          metadata: { labels: { team: 'ml' } },
          volumes: [{ name: 'tmp', emptyDir: {} }],
          container: {
            image: 'python:3.11-slim',
            command: ['python'],
            securityContext: restrictedContainer
          }
        }
      ],
      ...overrides
    }
  };
}

describe('the Argo pod model', () => {
  it('builds one pod per container template from workflow and template fields', () => {
    const pods = argoPods([{ kind: 'ConfigMap' }, workflow()]);
    expect(pods).toHaveLength(1);
    expect(pods[0].metadata).toEqual({
      name: 'a',
      labels: { team: 'ml' }
    });
    expect(pods[0].spec).toMatchObject({
      automountServiceAccountToken: false,
      securityContext: { runAsUser: 1000 },
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'tmp', emptyDir: {} }
      ],
      containers: [{ name: 'main', image: 'python:3.11-slim' }]
    });
  });

  it('makes one pod per task of a shared template, with the task’s arguments', () => {
    const doc = workflow();
    doc.spec.templates = [
      {
        name: 'main',
        dag: {
          tasks: ['x', 'y'].map(step => ({
            name: `task-${step}`,
            template: 'shared',
            arguments: { parameters: [{ name: 'step', value: step }] }
          }))
        }
      },
      {
        name: 'shared',
        inputs: { parameters: [{ name: 'step' }] },
        container: {
          image: 'python:3.11-slim',
          command: ['python3', '/code/{{inputs.parameters.step}}.py'],
          securityContext: restrictedContainer
        }
      } as never
    ];
    const pods = argoPods([doc]);
    expect(pods.map(pod => pod.metadata.name)).toEqual(['task-x', 'task-y']);
    expect(
      pods.map(
        pod => (pod.spec.containers as { command: string[] }[])[0].command[1]
      )
    ).toEqual(['/code/x.py', '/code/y.py']);
  });

  it('applies podSpecPatch by container name', () => {
    const pods = argoPods([
      workflow({
        podSpecPatch:
          '{"containers":[{"name":"main","securityContext":{"allowPrivilegeEscalation":true}}]}'
      })
    ]);
    const main = (pods[0].spec.containers as Record<string, unknown>[])[0];
    expect(main.securityContext).toMatchObject({
      allowPrivilegeEscalation: true,
      runAsNonRoot: true
    });
  });

  it('refuses a template kind it does not model', () => {
    const doc = workflow();
    doc.spec.templates.push({
      name: 'r',
      resource: { action: 'create' }
    } as never);
    expect(() => argoPods([doc])).toThrow(
      /template r: .*unmodelled template kind/
    );
  });

  it('merges named lists by name and replaces other values', () => {
    expect(
      mergePatch(
        { volumes: [{ name: 'a', emptyDir: {} }], hostNetwork: false },
        { volumes: [{ name: 'b', hostPath: { path: '/' } }], hostNetwork: true }
      )
    ).toEqual({
      volumes: [
        { name: 'a', emptyDir: {} },
        { name: 'b', hostPath: { path: '/' } }
      ],
      hostNetwork: true
    });
  });
});

function kfpDocuments(platform: Record<string, unknown>) {
  return [
    {
      pipelineInfo: { name: 'p' },
      deploymentSpec: {
        executors: {
          'exec-a': {
            container: { image: 'python:3.11-slim', command: ['python'] }
          }
        }
      }
    },
    {
      platforms: {
        kubernetes: { deploymentSpec: { executors: { 'exec-a': platform } } }
      }
    }
  ];
}

describe('the KFP pod model', () => {
  it('adds the backend’s launcher, scratch volumes and defaults to the platform spec', () => {
    const [pod] = kfpPods(
      kfpDocuments({
        securityContext: { runAsUser: '1000', runAsNonRoot: true },
        pvcMount: [
          {
            mountPath: '/data',
            pvcNameParameter: { runtimeValue: { constant: 'run-data' } }
          }
        ],
        imagePullSecret: [{ secretName: 'regcred' }]
      })
    );
    expect(pod.spec).toMatchObject({
      imagePullSecrets: [{ name: 'regcred' }],
      containers: [
        {
          name: 'main',
          securityContext: {
            runAsUser: 1000,
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] }
          }
        }
      ]
    });
    expect(pod.spec.volumes).toContainEqual({
      name: 'run-data',
      persistentVolumeClaim: { claimName: 'run-data' }
    });
  });

  it('refuses security fields the platform spec cannot carry, and unknown fields', () => {
    expect(() =>
      kfpPods(kfpDocuments({ securityContext: { privileged: true } }))
    ).toThrow(/privileged cannot be expressed/);
    expect(() => kfpPods(kfpDocuments({ hostNetwork: true }))).toThrow(
      /hostNetwork: a platform field this model does not know/
    );
  });
});

(SKIP_PSA ? describe.skip : describe)(
  'the upstream checker on the models',
  () => {
    it('allows the restricted Workflow and KFP pods', () => {
      const pods = [
        ...argoPods([workflow()]),
        ...kfpPods(
          kfpDocuments({
            securityContext: { runAsUser: 1000, runAsNonRoot: true }
          })
        )
      ];
      expect(denials(checkPods(pods))).toEqual([]);
    });

    it.each([
      [
        'root user',
        {
          securityContext: {
            runAsUser: 0,
            seccompProfile: { type: 'RuntimeDefault' }
          }
        }
      ],
      [
        'no seccomp',
        { securityContext: { runAsNonRoot: true, runAsUser: 1000 } }
      ],
      [
        'hostPath volume',
        { volumes: [{ name: 'h', hostPath: { path: '/' } }] }
      ],
      ['host network', { hostNetwork: true }]
    ])('denies a Workflow with %s', (_, overrides) => {
      const verdicts = checkPods(argoPods([workflow(overrides)]));
      expect(verdicts[0].allowed).toBe(false);
    });

    it('denies a KFP pod that runs as root', () => {
      const verdicts = checkPods(
        kfpPods(
          kfpDocuments({
            securityContext: { runAsUser: 0, runAsNonRoot: false }
          })
        )
      );
      expect(denials(verdicts).join('\n')).toMatch(/runAsUser=0|runAsNonRoot/);
    });
  }
);
