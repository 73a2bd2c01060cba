/** Pure parts of Argo submission: naming, reference rewriting, document parsing, status mapping. */
import {
  nameSubmission,
  IArgoDocuments,
  IWorkflowObject
} from '../../src/engine/kube/argo-documents';
import {
  parseArgoDocuments,
  workflowStepNames
} from '../../src/engine/kube/argo-documents-file';
import {
  applyWorkflowStatus,
  argoWorkflowLink,
  workflowRunStatus
} from '../../src/engine/kube/argo-status';
import { UserError } from '../../src/core/errors';
import { IRunRecord } from '../../src/core/runs/record';

function documents(name = 'My Pipeline!'): IArgoDocuments {
  return {
    configMaps: [{ metadata: { name: 'code-a' }, data: { 'a.py': '' } }],
    workflow: {
      metadata: { name },
      spec: {
        entrypoint: 'main',
        volumes: [
          { name: 'c', configMap: { name: 'code-a' } },
          { name: 'o', configMap: { name: 'other' } }
        ],
        templates: [
          {
            name: 'main',
            dag: { tasks: [{ name: 'load' }, { name: 'train' }] }
          },
          {
            name: 'load',
            container: {
              env: [
                {
                  name: 'X',
                  valueFrom: { configMapKeyRef: { name: 'code-a', key: 'k' } }
                }
              ]
            }
          }
        ]
      }
    }
  };
}

describe('nameSubmission', () => {
  it('names the Workflow <dns-name>-<suffix>, renames its ConfigMaps and rewrites only their references', () => {
    const named = nameSubmission(documents(), 'team-a', 'xyz12');
    expect(named.workflow.metadata).toMatchObject({
      name: 'my-pipeline-xyz12',
      namespace: 'team-a'
    });
    expect(named.configMaps[0].metadata).toMatchObject({
      name: 'code-a-xyz12',
      namespace: 'team-a',
      labels: { 'cellpipe.dev/submission': 'my-pipeline-xyz12' }
    });
    const spec = named.workflow.spec as any;
    expect(spec.volumes).toEqual([
      { name: 'c', configMap: { name: 'code-a-xyz12' } },
      { name: 'o', configMap: { name: 'other' } }
    ]);
    expect(
      spec.templates[1].container.env[0].valueFrom.configMapKeyRef
    ).toEqual({ name: 'code-a-xyz12', key: 'k' });
  });

  it.each([
    ['', 'pipeline-s1234'],
    ['---', 'pipeline-s1234'],
    ['a'.repeat(80), `${'a'.repeat(40)}-s1234`],
    ['Étude: "x"', 'tude-x-s1234']
  ])('turns the hostile name %j into the DNS name %s', (given, expected) => {
    expect(
      nameSubmission(documents(given), 'ns', 's1234').workflow.metadata.name
    ).toBe(expected);
  });
});

describe('parseArgoDocuments', () => {
  it('reads ConfigMaps and one Workflow from multi-document YAML, and the DAG task names', () => {
    const parsed = parseArgoDocuments(
      'kind: ConfigMap\nmetadata: {name: c}\n---\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: m\n  templates: [{name: m, dag: {tasks: [{name: a}, {name: b}]}}]\n',
      'p.yaml'
    );
    expect(parsed.configMaps).toHaveLength(1);
    expect(workflowStepNames(parsed.workflow)).toEqual(['a', 'b']);
  });

  it.each([
    ['kind: Pod\n', /document 1 is a Pod/],
    ['kind: ConfigMap\n', /exactly one Workflow, found 0/],
    ['kind: Workflow\nmetadata: {}\n', /needs metadata and spec/],
    ['a: [\n', /p.yaml.*not valid YAML/]
  ])('rejects %j clearly', (text, message) => {
    expect(() => parseArgoDocuments(text, 'p.yaml')).toThrow(UserError);
    expect(() => parseArgoDocuments(text, 'p.yaml')).toThrow(message);
  });
});

describe('Workflow status mapping', () => {
  const record: IRunRecord = {
    id: '20260101-000000-000aaa',
    status: 'Pending',
    target: 'argo',
    notebook: 'nb.yaml',
    pipeline: 'p',
    createdAt: '2026-01-01T00:00:00Z',
    startedAt: null,
    finishedAt: null,
    params: {},
    links: [],
    steps: ['load', 'train', 'report'].map(name => ({
      name,
      status: 'Pending' as const,
      startedAt: null,
      finishedAt: null,
      exitCode: null,
      log: null
    }))
  };
  const workflow = (
    phase: string,
    nodes: Record<string, object>,
    shutdown?: string
  ): IWorkflowObject => ({
    metadata: { name: 'w' },
    spec: shutdown ? { shutdown } : {},
    status: { phase, nodes }
  });

  it.each([
    ['', undefined, 'Pending'],
    ['Pending', undefined, 'Pending'],
    ['Running', undefined, 'Running'],
    ['Succeeded', undefined, 'Succeeded'],
    ['Failed', undefined, 'Failed'],
    ['Error', undefined, 'Failed'],
    ['Failed', 'Terminate', 'Cancelled']
  ])('phase %j (shutdown %j) is %s', (phase, shutdown, status) => {
    expect(workflowRunStatus(workflow(phase, {}, shutdown))).toBe(status);
  });

  it('maps nodes by task name, counts retries, and marks unreached steps when the Workflow ends', () => {
    const running = applyWorkflowStatus(
      record,
      workflow('Running', {
        d: { displayName: 'w', type: 'DAG', phase: 'Running' },
        r: {
          displayName: 'load',
          type: 'Retry',
          phase: 'Succeeded',
          children: ['p0', 'p1']
        },
        p0: { displayName: 'load(0)', type: 'Pod', phase: 'Failed' },
        t: {
          displayName: 'train',
          type: 'Pod',
          phase: 'Error',
          message: 'OOMKilled'
        }
      })
    );
    expect(
      running.steps.map(s => [s.name, s.status, s.attempts, s.message])
    ).toEqual([
      ['load', 'Succeeded', 2, undefined],
      ['train', 'Failed', undefined, 'OOMKilled'],
      ['report', 'Pending', undefined, undefined]
    ]);
    expect(
      applyWorkflowStatus(record, workflow('Failed', {})).steps[2].status
    ).toBe('Skipped');
    expect(
      applyWorkflowStatus(record, workflow('Failed', {}, 'Terminate')).steps[2]
        .status
    ).toBe('Cancelled');
  });

  it('says why a step waits, from its pod node or the latest attempt of a retry, and forgets it once the step runs', () => {
    const pull =
      'ImagePullBackOff: Back-off pulling image "registry.example.com/ds:1"';
    const claim =
      'Unschedulable: 0/1 nodes are available: persistentvolumeclaim "team-dta" not found.';
    const waiting = applyWorkflowStatus(
      record,
      workflow('Running', {
        l: {
          displayName: 'load',
          type: 'Pod',
          phase: 'Pending',
          message: pull
        },
        r: {
          id: 'r',
          displayName: 'train',
          type: 'Retry',
          phase: 'Pending',
          children: ['t0', 't1']
        },
        t0: {
          id: 't0',
          displayName: 'train(0)',
          type: 'Pod',
          phase: 'Failed',
          message: 'old'
        },
        t1: {
          id: 't1',
          displayName: 'train(1)',
          type: 'Pod',
          phase: 'Pending',
          message: claim
        }
      })
    );
    expect(waiting.steps.map(s => [s.name, s.status, s.message])).toEqual([
      ['load', 'Pending', pull],
      ['train', 'Pending', claim],
      ['report', 'Pending', undefined]
    ]);
    const running = applyWorkflowStatus(
      waiting,
      workflow('Running', {
        l: { displayName: 'load', type: 'Pod', phase: 'Running' },
        r: {
          displayName: 'train',
          type: 'Retry',
          phase: 'Running',
          children: []
        }
      })
    );
    expect(running.steps.map(s => s.message)).toEqual([
      undefined,
      undefined,
      undefined
    ]);
    expect(running.steps[0]).not.toHaveProperty('message');
  });

  it('links to <argo-ui>/workflows/<ns>/<name>', () => {
    expect(argoWorkflowLink('https://argo.example/', 'team a', 'w-1')).toBe(
      'https://argo.example/workflows/team%20a/w-1'
    );
  });
});
