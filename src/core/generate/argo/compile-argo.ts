/**
 * The Argo target (issue 3, design §5): a Workflow (argoproj.io/v1alpha1) and, once inline code
 * would push it past the size budget, the ConfigMaps holding the step scripts, emitted first.
 * Everything is computed here as data; the templates lay it out, every value through a filter.
 */
import workflowTemplate from '../../../../templates/argo/workflow.yaml.njk';
import containerTemplate from '../../../../templates/argo/step-container.yaml.njk';
import configMapTemplate from '../../../../templates/argo/configmap.yaml.njk';
import { UserError } from '../../errors';
import { IPipelineIR } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import {
  IEffectiveStepSettings,
  stepSettings
} from '../../settings/step-settings';
import { ICompiled } from '../compiled';
import { assertClusterStepCount } from '../step-limit';
import { registerTemplates, renderTemplate } from '../environment';
import { renderStepScriptParts } from '../step-script';
import { packedProgram } from '../packed-script';
import { codeConfigMaps, jsonBytes } from './code-placement';
import { dagTemplateCount } from './dag';
import { IConfigMap, IWorkflow } from './model';
import { checkArgoNames, taskNames, workflowBaseName } from './names';
import { buildWorkflow, IWorkflowInput, MAX_TEMPLATES } from './workflow';

registerTemplates({
  'argo/workflow.yaml.njk': workflowTemplate,
  'argo/step-container.yaml.njk': containerTemplate,
  'argo/configmap.yaml.njk': configMapTemplate
});

export interface IArgoDocumentsBuilt {
  configMaps: IConfigMap[];
  workflow: IWorkflow;
}

/** The Workflow and ConfigMaps as data. */
export function buildArgoDocuments(
  ir: IPipelineIR,
  settings: IPipelineSettings
): IArgoDocumentsBuilt {
  checkArgoNames(ir);
  const tasks = taskNames(ir);
  const baseName = workflowBaseName(ir);
  const labels = {
    'app.kubernetes.io/managed-by': 'cellpipe',
    'cellpipe.dev/pipeline': baseName
  };
  const effective = new Map<string, IEffectiveStepSettings>(
    ir.steps.map(step => [step.name, stepSettings(settings, step, ir.notebook)])
  );
  // Each step's own part of its script; the runtime is the Workflow's runtime parameter.
  const scripts = new Map(
    ir.steps.map(step => [
      step.name,
      renderStepScriptParts(ir, step, { metricsFormat: 'json' }).step
    ])
  );
  const input: Omit<IWorkflowInput, 'code'> = {
    ir,
    settings,
    baseName,
    labels,
    tasks,
    effective
  };
  const budget = settings.argo.sizeBudgetBytes;
  const inlineFits =
    ir.steps.length + dagTemplateCount(ir.steps.length) <= MAX_TEMPLATES;
  if (inlineFits) {
    const workflow = buildWorkflow({ ...input, code: { inline: scripts } });
    if (jsonBytes(workflow) <= budget) {
      return { configMaps: [], workflow };
    }
  }
  // In the volume, each step's file is its packed program, as inline code is packed.
  const programs = new Map(
    [...scripts].map(([step, part]) => [step, packedProgram(part)])
  );
  const configMaps = codeConfigMaps(ir, programs, baseName, labels);
  const workflow = buildWorkflow({
    ...input,
    code: { configMaps: configMaps.map(c => c.metadata.name) }
  });
  const size = jsonBytes(workflow);
  if (size > budget) {
    throw new UserError(
      `the Workflow is ${Math.ceil(size / 1024)} KiB even with every step's code in ConfigMaps, ` +
        `over the size budget of ${Math.floor(budget / 1024)} KiB (argo.sizeBudgetBytes)`,
      { notebook: ir.notebook }
    );
  }
  return { configMaps, workflow };
}

/**
 * The documents in the settings' namespace, when one is set, so that an exported Workflow and its
 * ConfigMaps go where the settings say (kubectl create -f). Submission sets its own anyway.
 */
function inNamespace(
  documents: { configMaps: IConfigMap[]; workflow: IWorkflow },
  namespace: string | undefined
): { configMaps: IConfigMap[]; workflow: IWorkflow } {
  if (!namespace) {
    return documents;
  }
  const { generateName, ...rest } = documents.workflow.metadata;
  return {
    configMaps: documents.configMaps.map(configMap => ({
      ...configMap,
      metadata: {
        name: configMap.metadata.name,
        namespace,
        labels: configMap.metadata.labels
      }
    })),
    workflow: {
      ...documents.workflow,
      metadata: { generateName, namespace, ...rest }
    }
  };
}

export function compileArgo(
  ir: IPipelineIR,
  settings: IPipelineSettings
): ICompiled {
  assertClusterStepCount(ir, 'Argo');
  const { configMaps, workflow } = inNamespace(
    buildArgoDocuments(ir, settings),
    settings.namespace
  );
  const parts = [
    ...configMaps.map(configMap =>
      renderTemplate('argo/configmap.yaml.njk', { configMap })
    ),
    renderTemplate('argo/workflow.yaml.njk', { workflow, spec: workflow.spec })
  ];
  return {
    target: 'argo',
    documents: [
      ...(configMaps as unknown as Record<string, unknown>[]),
      workflow as unknown as Record<string, unknown>
    ],
    text: parts.join('---\n')
  };
}
