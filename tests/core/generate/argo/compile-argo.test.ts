import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyzeNotebook } from '../../../../src/core/analyze';
import { compile } from '../../../../src/core/generate/compile';
import { ISettingsOverrides } from '../../../../src/core/settings/resolved';
import { UserError } from '../../../../src/core/errors';
import { syntheticNotebook } from '../../../support/synthetic-notebook';
import { schemaErrors } from './argo-schema';
import { workflowStepNames } from '../../../../src/engine/kube/argo-documents-file';
import { unpackCommand, unpackProgram } from '../../../support/packed';
import { packedRuntime } from '../../../../src/core/generate/packed-script';
import { FAN_OUT_CONFIGMAP_BUDGET } from '../../../support/fan-out-budget';

type Doc = any;

const EXAMPLES = resolve(__dirname, '../../../../examples');

function notebookFile(name: string): object {
  return JSON.parse(readFileSync(resolve(EXAMPLES, name), 'utf8'));
}

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

function compileArgo(nb: object, overrides: ISettingsOverrides = {}) {
  const compiled = compile(
    analyzeNotebook(nb, 'test.ipynb'),
    'argo',
    overrides
  );
  const parsed = parseAllDocuments(compiled.text).map(d => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Doc;
  });
  // The text says exactly what the documents say.
  expect(parsed).toEqual(compiled.documents);
  const workflow = parsed[parsed.length - 1];
  expect(workflow.kind).toBe('Workflow');
  expect(schemaErrors(workflow)).toEqual([]);
  return {
    workflow,
    configMaps: parsed.slice(0, -1),
    text: compiled.text
  };
}

function stepTemplates(workflow: Doc): Doc[] {
  return workflow.spec.templates.filter((t: Doc) => !t.dag);
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

describe('the Argo Workflow of an example', () => {
  const { workflow, configMaps } = compileArgo(notebookFile('fan-out.ipynb'));

  it('is one schema-valid Workflow with the code inline', () => {
    expect(configMaps).toEqual([]);
    expect(workflow.metadata.generateName).toBe('digits-fan-out-');
    const steps = stepTemplates(workflow);
    expect(steps).toHaveLength(7);
    for (const template of steps) {
      // Inline code is packed into the command, never a `script` template (design §5).
      expect(template.script).toBeUndefined();
      expect(unpackCommand(template.container.command)).toContain(
        '#!/usr/bin/env python3'
      );
    }
  });

  it('is a DAG whose dependencies are the steps’ after', () => {
    const dag = workflow.spec.templates[0];
    expect(workflow.spec.entrypoint).toBe(dag.name);
    const compare = dag.dag.tasks.find((t: Doc) => t.name === 'compare');
    expect(compare.dependencies).toEqual([
      'extra-trees',
      'forest',
      'knn',
      'mlp',
      'svm'
    ]);
    expect(
      JSON.parse(workflow.metadata.annotations['cellpipe.dev/tasks'])
    ).toEqual(dag.dag.tasks.map((t: Doc) => t.name));
  });

  it('runs every container non-root, read-only, without privileges', () => {
    expect(workflow.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 100,
      fsGroup: 100,
      seccompProfile: { type: 'RuntimeDefault' }
    });
    expect(workflow.spec.automountServiceAccountToken).toBe(false);
    for (const template of stepTemplates(workflow)) {
      const container = template.container;
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true
      });
      expect(container.env).toContainEqual({ name: 'HOME', value: '/tmp' });
      expect(container.volumeMounts).toContainEqual({
        name: 'cellpipe-tmp',
        mountPath: '/tmp'
      });
    }
    for (const volume of workflow.spec.volumes) {
      expect(Object.keys(volume).sort()[0]).toMatch(/^(emptyDir|name)$/);
    }
  });

  it('passes data through a per-run volume with --data-root', () => {
    expect(workflow.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'cellpipe-data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } }
        }
      }
    ]);
    const split = stepTemplates(workflow).find(
      (t: Doc) => t.name === 'step-split'
    );
    expect(split.container.args).toEqual([
      '{{workflow.parameters.cellpipe_runtime}}',
      '--data-root',
      '/cellpipe/data'
    ]);
    expect(unpackCommand(split.container.command)).toContain("STEP = 'split'");
  });
});

describe('pipeline parameters and metrics', () => {
  const nb = notebook([
    cell(
      'lr = 0.5\nname = "a \\"quoted\\" { x } ${y}"\nflag = True',
      'pipeline-parameters'
    ),
    cell('score = lr * 2', 'step:train'),
    cell('print(score)', 'pipeline-metrics')
  ]);
  const { workflow } = compileArgo(nb);

  it('become workflow arguments, exactly as given, passed by --param', () => {
    expect(workflow.spec.arguments.parameters).toEqual([
      { name: 'lr', value: '0.5' },
      { name: 'name', value: 'a "quoted" { x } ${y}' },
      { name: 'flag', value: 'true' },
      // The step runtime, once for every step (src/core/generate/packed-script.ts).
      { name: 'cellpipe_runtime', value: packedRuntime() }
    ]);
    const train = stepTemplates(workflow)[0];
    expect(train.container.args).toEqual([
      '{{workflow.parameters.cellpipe_runtime}}',
      '--param',
      'lr={{workflow.parameters.lr}}',
      '--param',
      'name={{workflow.parameters.name}}',
      '--param',
      'flag={{workflow.parameters.flag}}',
      '--metrics',
      '/tmp/cellpipe-metrics.json'
    ]);
    expect(train.outputs.parameters).toEqual([
      {
        name: 'metrics',
        valueFrom: { path: '/tmp/cellpipe-metrics.json', default: '{}' }
      }
    ]);
  });
});

describe('per-step and pipeline settings', () => {
  const nb = notebook(
    [
      cell('import os', 'imports'),
      cell(
        'data = [1]',
        'step:load_data',
        'limit:memory:4Gi',
        'request:cpu:500m',
        'limit:nvidia.com/gpu:1',
        'retry:3',
        'timeout:30m',
        'label:team:ml',
        'annotation:example.com/owner:Ada "the first" #1',
        'image:registry.example.com/ds/gpu:2.1'
      ),
      cell('total = sum(data)', 'step:sum')
    ],
    {
      cellpipe: {
        image: 'registry.example.com/ds/base:1',
        serviceAccount: 'pipeline-runner',
        imagePullSecrets: ['regcred'],
        nodeSelector: { pool: 'gpu' },
        tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
        security: { runAsUser: 5000, runAsGroup: 5000, fsGroup: 5000 },
        argo: {
          storageClass: 'fast',
          accessMode: 'ReadWriteMany',
          volumeSize: '20Gi'
        }
      }
    }
  );
  const { workflow } = compileArgo(nb);
  const [load, sum] = stepTemplates(workflow);

  it('sets the step’s resources, retries, timeout, labels, annotations and image', () => {
    expect(load.name).toBe('step-load-data');
    expect(load.container.image).toBe('registry.example.com/ds/gpu:2.1');
    expect(load.container.resources).toEqual({
      limits: { memory: '4Gi', 'nvidia.com/gpu': '1' },
      requests: { cpu: '500m' }
    });
    expect(load.retryStrategy).toEqual({ limit: '3' });
    expect(load.activeDeadlineSeconds).toBe('1800');
    expect(load.metadata).toEqual({
      labels: { team: 'ml' },
      annotations: { 'example.com/owner': 'Ada "the first" #1' }
    });
    expect(sum.container.image).toBe('registry.example.com/ds/base:1');
    expect(sum.container.resources).toBeUndefined();
    expect(sum.retryStrategy).toBeUndefined();
  });

  it('sets the pipeline’s pod settings and the security the notebook asks for', () => {
    expect(workflow.spec.serviceAccountName).toBe('pipeline-runner');
    expect(workflow.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(workflow.spec.nodeSelector).toEqual({ pool: 'gpu' });
    expect(workflow.spec.tolerations).toEqual([
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }
    ]);
    expect(workflow.spec.securityContext.runAsUser).toBe(5000);
    expect(workflow.spec.securityContext.fsGroup).toBe(5000);
    expect(workflow.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '20Gi' } },
      storageClassName: 'fast'
    });
  });

  it('drops the protections only when the settings say so', () => {
    const weak = compileArgo(nb, {
      security: {
        runAsNonRoot: false,
        runAsUser: 0,
        allowPrivilegeEscalation: true,
        dropAllCapabilities: false,
        seccompProfile: 'Unconfined'
      }
    }).workflow;
    expect(weak.spec.securityContext.runAsNonRoot).toBeUndefined();
    expect(weak.spec.securityContext.seccompProfile).toEqual({
      type: 'Unconfined'
    });
    const container = stepTemplates(weak)[0].container;
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: true,
      readOnlyRootFilesystem: true
    });
  });
});

describe('volumes: existing claims mounted in every step', () => {
  const volumes = [
    { claim: 'team-data', mountPath: '/data', readOnly: true },
    { claim: 'scratch', mountPath: '/home/jovyan/out', subPath: 'runs/a' }
  ];
  const cells = [
    cell('import os', 'imports'),
    cell('rows = os.listdir("/data")', 'step:load'),
    cell('total = len(rows)', 'step:count')
  ];
  const nb = notebook(cells, { cellpipe: { volumes } });

  // fan-out.ipynb under its budget: the code moves into ConfigMaps and steps share templates.
  const fanOut = {
    ...notebookFile('fan-out.ipynb'),
    metadata: { cellpipe: { volumes } }
  };
  it.each([
    ['inline', nb, {}],
    [
      'in ConfigMaps',
      fanOut,
      { argo: { sizeBudgetBytes: FAN_OUT_CONFIGMAP_BUDGET } }
    ]
  ])(
    'gives the pod one claim volume each and mounts them in every step, code %s',
    (_label, given, overrides) => {
      const { workflow, configMaps } = compileArgo(
        given,
        overrides as ISettingsOverrides
      );
      expect(configMaps).toHaveLength(given === nb ? 0 : 1);
      const claims = workflow.spec.volumes.filter(
        (v: Doc) => v.persistentVolumeClaim
      );
      expect(claims).toEqual([
        {
          name: 'volume-1',
          persistentVolumeClaim: { claimName: 'team-data', readOnly: true }
        },
        { name: 'volume-2', persistentVolumeClaim: { claimName: 'scratch' } }
      ]);
      const templates = stepTemplates(workflow);
      expect(templates.length).toBeGreaterThan(0);
      for (const template of templates) {
        const mounts = template.container.volumeMounts.filter((m: Doc) =>
          m.name.startsWith('volume-')
        );
        expect(mounts).toEqual([
          { name: 'volume-1', mountPath: '/data', readOnly: true },
          {
            name: 'volume-2',
            mountPath: '/home/jovyan/out',
            subPath: 'runs/a'
          }
        ]);
      }
    }
  );

  it('mounts nothing more without volumes', () => {
    const { workflow } = compileArgo(notebook(cells));
    expect(
      workflow.spec.volumes.filter((v: Doc) => v.persistentVolumeClaim)
    ).toEqual([]);
  });
});

describe('data passed as artifacts', () => {
  const { workflow } = compileArgo(notebookFile('linear-chain.ipynb'), {
    argo: { dataPassing: 'artifacts' }
  });

  it('declares one artifact per variable and wires it from its producer', () => {
    expect(workflow.spec.volumeClaimTemplates).toBeUndefined();
    const dag = workflow.spec.templates[0].dag;
    for (const task of dag.tasks) {
      for (const artifact of task.arguments?.artifacts ?? []) {
        expect(artifact.from).toMatch(
          new RegExp(
            `^\\{\\{tasks\\.[a-z0-9-]+\\.outputs\\.artifacts\\.${artifact.name}\\}\\}$`
          )
        );
      }
    }
    const withInputs = stepTemplates(workflow).filter(
      (t: Doc) => t.inputs?.artifacts
    );
    expect(withInputs.length).toBeGreaterThan(0);
    for (const template of withInputs) {
      for (const artifact of template.inputs.artifacts) {
        expect(template.container.args).toContain(
          `${artifact.name}=/tmp/cellpipe/in/${artifact.name}`
        );
      }
    }
  });
});

describe('step code past the size budget', () => {
  it('moves into ConfigMaps behind one projected volume, and steps share templates', () => {
    const { workflow, configMaps } = compileArgo(
      notebookFile('fan-out.ipynb'),
      { argo: { sizeBudgetBytes: FAN_OUT_CONFIGMAP_BUDGET } }
    );
    expect(configMaps).toHaveLength(1);
    expect(Object.keys(configMaps[0].data)).toHaveLength(7);
    // Each file is the step's packed program, as inline code is packed.
    expect(unpackProgram(configMaps[0].data['split.py'])).toContain(
      "STEP = 'split'"
    );
    expect(workflow.spec.volumes).toContainEqual({
      name: 'cellpipe-code',
      projected: {
        sources: [{ configMap: { name: configMaps[0].metadata.name } }]
      }
    });
    for (const template of stepTemplates(workflow)) {
      expect(template.script).toBeUndefined();
      expect(template.container.command).toEqual([
        'python3',
        '/cellpipe/code/{{inputs.parameters.step}}.py'
      ]);
    }
    const tasks = workflow.spec.templates[0].dag.tasks;
    expect(tasks.find((t: Doc) => t.name === 'extra-trees').arguments).toEqual({
      parameters: [{ name: 'step', value: 'extra_trees' }]
    });
    expect(Buffer.byteLength(JSON.stringify(workflow))).toBeLessThanOrEqual(
      FAN_OUT_CONFIGMAP_BUDGET
    );
  });

  it('500 steps and about 1.5 MB of code: valid, under 256 KiB, code over ConfigMaps', () => {
    const big = syntheticNotebook(2500, 5) as { cells: { source: string }[] };
    // About 3 KB of code per step, as comments of pseudo-random hex (a fixed seed): packed code
    // does not compress them away, so the code needs more than one ConfigMap.
    big.cells.forEach((c, i) => {
      if (i > 0) {
        const line = (k: number) =>
          createHash('sha256').update(`${i}.${k}`).digest('hex');
        c.source +=
          '\n' +
          [0, 1, 2, 3, 4, 5, 6, 7].map(k => `# padding ${line(k)}\n`).join('');
      }
    });
    const ir = analyzeNotebook(big, 'big.ipynb');
    expect(ir.steps).toHaveLength(500);
    const code = ir.steps.reduce(
      (sum, s) => sum + s.code.reduce((n, c) => n + c.source.length, 0),
      0
    );
    expect(code).toBeGreaterThan(900_000);
    const { workflow, configMaps } = compileArgo(big);
    const size = Buffer.byteLength(JSON.stringify(workflow));
    expect(size).toBeLessThanOrEqual(256 * 1024);
    expect(configMaps.length).toBeGreaterThan(1);
    for (const map of configMaps) {
      expect(Buffer.byteLength(JSON.stringify(map))).toBeLessThan(1024 * 1024);
    }
    const keys = configMaps.flatMap((m: Doc) => Object.keys(m.data));
    expect(keys).toHaveLength(500);
    expect(workflow.spec.templates.length).toBeLessThanOrEqual(200);
    for (const template of workflow.spec.templates) {
      expect(template.dag?.tasks.length ?? 0).toBeLessThanOrEqual(200);
    }
    const entry = workflow.spec.templates[0];
    expect(entry.dag.tasks.map((t: Doc) => t.name)).toEqual([
      'part-1',
      'part-2',
      'part-3'
    ]);
    expect(entry.dag.tasks[1].dependencies).toEqual(['part-1']);
    expect(
      JSON.parse(workflow.metadata.annotations['cellpipe.dev/tasks'])
    ).toHaveLength(500);
    // The run record lists the steps, not the DAG parts.
    expect(workflowStepNames(workflow)).toHaveLength(500);
    expect(workflowStepNames(workflow)[0]).toBe('s0');
  });
});

describe('steps named with capitals', () => {
  it('keep their task names, with templates in lower case (pod names), apart where only case differs', () => {
    const { workflow } = compileArgo(
      notebook([
        cell('a = 1', 'step:LoadData'),
        cell('b = a + 1', 'step:loaddata'),
        cell('print(b)', 'step:Train_Model')
      ])
    );
    const dag = workflow.spec.templates.find((t: Doc) => t.dag).dag;
    expect(dag.tasks.map((t: Doc) => [t.name, t.template])).toEqual([
      ['LoadData', 'step-loaddata'],
      ['loaddata', 'step-loaddata-2'],
      ['Train-Model', 'step-train-model']
    ]);
    for (const template of stepTemplates(workflow)) {
      expect(template.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });
});

describe('names Argo cannot carry are refused, not mangled', () => {
  it('two steps that meet on one task name', () => {
    const error = thrown(() =>
      compile(
        analyzeNotebook(
          notebook([
            cell('a = 1', 'step:load_data'),
            cell('b = a', 'step:load-data')
          ]),
          'clash.ipynb'
        ),
        'argo'
      )
    );
    expect(error.describe()).toMatch(
      /^clash\.ipynb, cell 2: steps 'load_data' and 'load-data' both become the Argo task 'load-data'/
    );
  });

  it('a non-ASCII variable passed between steps', () => {
    const error = thrown(() =>
      compile(
        analyzeNotebook(
          notebook([
            cell('données = 1', 'step:a'),
            cell('print(données)', 'step:b')
          ]),
          'unicode.ipynb'
        ),
        'argo'
      )
    );
    expect(error.message).toMatch(/passes variable 'données'.*ASCII/);
  });

  it.each([
    ['???', 'x.ipynb', 'x-'],
    ['データ分析', 'reports/sales 2026.ipynb', 'sales-2026-'],
    ['データ分析', 'データ.ipynb', 'pipeline-'],
    [
      'Mon pipeline: données été 2026!',
      'x.ipynb',
      'mon-pipeline-donnees-ete-2026-'
    ]
  ])(
    'a pipeline name %j (notebook %j) names the Workflow %j',
    (name, path, generateName) => {
      const { documents } = compile(
        analyzeNotebook(
          notebook([cell('a = 1', 'step:a')], { cellpipe: { name } }),
          path
        ),
        'argo'
      );
      const workflow = documents[documents.length - 1] as Doc;
      expect(workflow.metadata.generateName).toBe(generateName);
    }
  );
});
