import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyzeNotebook } from '../../../../src/core/analyze';
import { compile } from '../../../../src/core/generate/compile';
import { ISettingsOverrides } from '../../../../src/core/settings/resolved';
import { UserError } from '../../../../src/core/errors';
import { corpusNotebooks } from '../../../security/corpus-irs';
import { unpackCommand } from '../../../support/packed';

type Doc = any;

function cell(source: string, ...tags: string[]): object {
  return {
    cell_type: 'code',
    metadata: { tags },
    source,
    outputs: [],
    execution_count: null
  };
}

function notebook(cells: object[], metadata: object = {}): object {
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}

function compileKfp(nb: object, overrides: ISettingsOverrides = {}) {
  const compiled = compile(analyzeNotebook(nb, 'test.ipynb'), 'kfp', overrides);
  const parsed = parseAllDocuments(compiled.text).map(d => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });
  expect(parsed).toEqual(compiled.documents);
  return {
    spec: parsed[0],
    executors: parsed[1].platforms.kubernetes.deploymentSpec.executors
  };
}

describe('the KFP documents of an example', () => {
  const nb = JSON.parse(
    readFileSync(
      resolve(__dirname, '../../../../examples/parameters-and-metrics.ipynb'),
      'utf8'
    )
  );
  let spec: ReturnType<typeof compileKfp>['spec'];
  let executors: ReturnType<typeof compileKfp>['executors'];
  beforeAll(() => ({ spec, executors } = compileKfp(nb)));

  it('types the pipeline parameters and keeps their defaults', () => {
    const parameters = spec.root.inputDefinitions.parameters;
    for (const entry of Object.values(parameters) as Doc[]) {
      expect([
        'NUMBER_INTEGER',
        'NUMBER_DOUBLE',
        'STRING',
        'BOOLEAN'
      ]).toContain(entry.parameterType);
      expect(entry.isOptional).toBe(true);
    }
  });

  it('wires every input artifact from its producer task, after it', () => {
    for (const [name, task] of Object.entries(spec.root.dag.tasks) as [
      string,
      Doc
    ][]) {
      for (const [variable, input] of Object.entries(
        task.inputs?.artifacts ?? {}
      ) as [string, Doc][]) {
        const producer = input.taskOutputArtifact.producerTask;
        expect(task.dependentTasks).toContain(producer);
        expect(input.taskOutputArtifact.outputArtifactKey).toBe(variable);
        const outputs =
          spec.components[`comp-${producer}`].outputDefinitions.artifacts;
        expect(outputs[variable]).toBeDefined();
      }
      expect(task.componentRef.name).toBe(`comp-${name}`);
    }
  });

  it('reports metrics as a system.Metrics artifact', () => {
    const withMetrics = Object.values(spec.components).filter(
      (c: Doc) => c.outputDefinitions?.artifacts?.metrics
    ) as Doc[];
    expect(withMetrics).toHaveLength(1);
    expect(
      withMetrics[0].outputDefinitions.artifacts.metrics.artifactType
        .schemaTitle
    ).toBe('system.Metrics');
  });

  it('gives every executor a non-root security context and a writable /tmp', () => {
    expect(Object.keys(executors).sort()).toEqual(
      Object.keys(spec.deploymentSpec.executors).sort()
    );
    for (const config of Object.values(executors) as Doc[]) {
      expect(config.securityContext).toEqual({
        runAsUser: 1000,
        runAsGroup: 100,
        runAsNonRoot: true
      });
      expect(config.emptyDirMounts).toEqual([
        { volumeName: 'cellpipe-tmp', mountPath: '/tmp' }
      ]);
    }
    for (const executor of Object.values(
      spec.deploymentSpec.executors
    ) as Doc[]) {
      // The step script travels packed, so the launcher's `{{$…}}` never meets user code.
      expect(unpackCommand(executor.container.command)).toMatch(
        /^#!\/usr\/bin\/env python3/
      );
    }
  });
});

describe('a step variable named metrics, in a step that reports metrics', () => {
  const { spec } = compileKfp(
    notebook([
      cell('metrics = {"acc": 0.9}\nacc = 0.9', 'step:a'),
      cell('print(acc)', 'pipeline-metrics'),
      cell('print(metrics)', 'step:b')
    ])
  );

  it('keeps the variable’s artifact and names the Metrics artifact apart', () => {
    const outputs = spec.components['comp-a'].outputDefinitions.artifacts;
    expect(outputs.metrics.artifactType.schemaTitle).toBe('system.Artifact');
    expect(outputs.cellpipe_metrics.artifactType.schemaTitle).toBe(
      'system.Metrics'
    );
    const args: string[] =
      spec.deploymentSpec.executors['exec-a'].container.args;
    expect(args).toContain("metrics={{$.outputs.artifacts['metrics'].path}}");
    expect(args[args.indexOf('--metrics') + 1]).toBe(
      "{{$.outputs.artifacts['cellpipe_metrics'].path}}"
    );
    expect(
      spec.root.dag.tasks.b.inputs.artifacts.metrics.taskOutputArtifact
    ).toEqual({ producerTask: 'a', outputArtifactKey: 'metrics' });
  });
});

describe('names KFP cannot carry', () => {
  it('a non-ASCII variable passed between steps is refused by name', () => {
    expect(() =>
      compileKfp(
        notebook([
          cell('données = [1, 2]', 'step:a'),
          cell('print(données)', 'step:b')
        ])
      )
    ).toThrow(
      "step 'a' passes variable 'données', but KFP artifact names allow only ASCII letters, digits and '_'; rename the variable"
    );
  });
});

describe('per-step settings in KFP', () => {
  const nb = notebook(
    [
      cell(
        'data = [1]',
        'step:Load_Data',
        'limit:memory:4Gi',
        'limit:cpu:2',
        'request:cpu:500m',
        'limit:nvidia.com/gpu:1',
        'retry:2',
        'timeout:1h',
        'cache:disabled',
        'label:team:ml',
        'annotation:note:a "b" #c'
      ),
      cell('total = sum(data)', 'step:sum')
    ],
    {
      cellpipe: {
        imagePullSecrets: ['regcred'],
        nodeSelector: { pool: 'gpu' },
        tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]
      }
    }
  );
  let spec: ReturnType<typeof compileKfp>['spec'];
  let executors: ReturnType<typeof compileKfp>['executors'];
  beforeAll(() => ({ spec, executors } = compileKfp(nb)));

  it('puts resources in the container and retries, caching in the task', () => {
    expect(
      spec.deploymentSpec.executors['exec-load-data'].container.resources
    ).toEqual({
      resourceCpuLimit: '2',
      resourceMemoryLimit: '4Gi',
      resourceCpuRequest: '500m',
      accelerator: { resourceType: 'nvidia.com/gpu', resourceCount: '1' }
    });
    const task = spec.root.dag.tasks['load-data'];
    expect(task.retryPolicy).toEqual({ maxRetryCount: 2 });
    expect(task.cachingOptions).toEqual({ enableCache: false });
    expect(spec.root.dag.tasks.sum.cachingOptions).toEqual({
      enableCache: true
    });
  });

  it('puts pod settings in the platform document', () => {
    const config = executors['exec-load-data'];
    expect(config.imagePullSecret).toEqual([
      { secretNameParameter: { runtimeValue: { constant: 'regcred' } } }
    ]);
    expect(config.nodeSelector).toEqual({ labels: { pool: 'gpu' } });
    expect(config.tolerations).toEqual([
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }
    ]);
    expect(config.podMetadata).toEqual({
      labels: { team: 'ml' },
      annotations: { note: 'a "b" #c' }
    });
    expect(config.activeDeadlineSeconds).toBe(3600);
  });

  it('keeps the pipeline name as written as the display name', () => {
    const named = compileKfp(
      notebook([cell('a = 1', 'step:a')], {
        cellpipe: { name: 'Churn model: v2 "final"' }
      })
    ).spec;
    expect(named.pipelineInfo).toEqual({
      name: 'churn-model-v2-final',
      displayName: 'Churn model: v2 "final"'
    });
  });

  it('refuses a resource KFP has no field for', () => {
    expect(() =>
      compile(
        analyzeNotebook(
          notebook([cell('a = 1', 'step:a', 'limit:ephemeral-storage:1Gi')]),
          'r.ipynb'
        ),
        'kfp'
      )
    ).toThrow(/KFP cannot set the resource 'ephemeral-storage'/);
  });

  it('refuses two steps that meet on one task name', () => {
    let caught: unknown;
    try {
      compile(
        analyzeNotebook(
          notebook([cell('a = 1', 'step:Prep'), cell('b = a', 'step:prep')]),
          'c.ipynb'
        ),
        'kfp'
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).describe()).toMatch(
      /^c\.ipynb, cell 2: steps 'Prep' and 'prep'/
    );
  });
});

describe('volumes in KFP', () => {
  const cells = [cell('a = 1', 'step:a'), cell('b = a', 'step:b')];

  it('mounts each claim in every executor, as kfp-kubernetes mount_pvc writes it', () => {
    const { executors } = compileKfp(
      notebook(cells, {
        cellpipe: {
          volumes: [
            { claim: 'team-data', mountPath: '/data' },
            { claim: 'scratch', mountPath: '/out', subPath: 'runs/a' }
          ]
        }
      })
    );
    expect(Object.keys(executors)).toEqual(['exec-a', 'exec-b']);
    for (const config of Object.values(executors) as Doc[]) {
      expect(config.pvcMount).toEqual([
        {
          constant: 'team-data',
          mountPath: '/data',
          pvcNameParameter: { runtimeValue: { constant: 'team-data' } }
        },
        {
          constant: 'scratch',
          mountPath: '/out',
          pvcNameParameter: { runtimeValue: { constant: 'scratch' } },
          subPath: 'runs/a'
        }
      ]);
    }
    expect(compileKfp(notebook(cells)).executors['exec-a']).not.toHaveProperty(
      'pvcMount'
    );
  });

  it('refuses a read-only volume, which KFP would mount read-write', () => {
    let caught: unknown;
    try {
      compile(
        analyzeNotebook(
          notebook(cells, {
            cellpipe: {
              volumes: [
                { claim: 'scratch', mountPath: '/out' },
                { claim: 'team-data', mountPath: '/data', readOnly: true }
              ]
            }
          }),
          'ro.ipynb'
        ),
        'kfp'
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).describe()).toBe(
      "ro.ipynb: volumes[1] (claim 'team-data' at /data) is readOnly, and KFP cannot mount a " +
        'volume read-only (its Kubernetes platform spec has no such field): drop readOnly to ' +
        'mount it read-write, or compile for Argo'
    );
  });
});

describe('the corpus compiled for KFP', () => {
  it.each(corpusNotebooks().map(n => [n.name, n] as const))(
    '%s',
    (_name, entry) => {
      const compiled = compile(entry.ir!, 'kfp');
      const [spec, platform] = parseAllDocuments(compiled.text).map(d =>
        d.toJS()
      );
      expect(Object.keys(spec.root.dag.tasks)).toHaveLength(
        entry.ir!.steps.length
      );
      expect(
        Object.keys(platform.platforms.kubernetes.deploymentSpec.executors)
      ).toHaveLength(entry.ir!.steps.length);
    }
  );
});
