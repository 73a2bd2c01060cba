/**
 * Cluster runs started from the lab: the compiled documents are submitted to Argo (through the
 * Kubernetes API, credentials from the server's kubeconfig or in-cluster config) or to KFP, then
 * followed in the background so the record in the store stays current. Loaded only when a
 * cluster run starts, so the engine starts without the Kubernetes client.
 */
import { IRunRecord } from '../../core/runs/record';
import { CompileTarget } from '../../core/generate/compiled';
import { IPipelineIR } from '../../core/ir/pipeline';
import { compileForCluster } from '../kube/compile-for-cluster';
import { resolveSettings } from '../../core/settings/resolve';
import {
  IPipelineSettings,
  ISettingsOverrides
} from '../../core/settings/resolved';
import { parameterText } from '../../core/generate/argo/workflow';
import { argoDocumentsFrom } from '../kube/argo-documents-file';
import { connect } from '../kube/connection';
import { cancelArgoRun, followArgoRun, submitArgoRun } from '../kube/argo-run';
import { KfpClient } from '../kfp/client';
import { resolveKfpEndpoint } from '../kfp/endpoint';
import { cancelKfpRun, pollKfpRun, submitKfpRun } from '../kfp/kfp-run';
import { resolveParameters } from '../local/params';
import { cellpipeHome } from '../paths';
import { IEngineContext } from './run-methods';

type Values = Record<string, string | number | boolean>;

function logFailure(what: string) {
  return (error: unknown) =>
    process.stderr.write(
      `cellpipe engine: ${what}: ${error instanceof Error ? error.message : String(error)}\n`
    );
}

/**
 * The parameter values given for the run, checked against the notebook's declared parameters and
 * typed as a local run's are (an unknown name or a bad value is refused before anything is
 * submitted). No prototype: parameters may be named `constructor` or `__proto__`.
 */
function checkedParameters(ir: IPipelineIR, given: Values): Values {
  const typed = resolveParameters(ir, given).values;
  const checked: Values = Object.create(null);
  for (const name of Object.keys(given)) {
    checked[name] = typed[name];
  }
  return checked;
}

/** The Workflow's arguments with the run's parameter values. */
function withParameters(
  workflow: Record<string, unknown>,
  values: Values
): void {
  const spec = workflow.spec as {
    arguments?: { parameters?: { name: string; value: string }[] };
  };
  for (const parameter of spec.arguments?.parameters ?? []) {
    if (Object.hasOwn(values, parameter.name)) {
      parameter.value = parameterText(values[parameter.name]);
    }
  }
}

/** The notebook pod's own connection (for its image), when the server runs in one. */
function inCluster() {
  try {
    const connection = connect({});
    return connection.inCluster ? connection : undefined;
  } catch {
    return undefined;
  }
}

function kfpClient(settings: IPipelineSettings): KfpClient {
  return new KfpClient(
    resolveKfpEndpoint({
      endpoint: settings.kfp.endpoint,
      uiEndpoint: settings.kfp.uiUrl
    })
  );
}

export async function submitNotebook(
  context: IEngineContext,
  path: string,
  ir: IPipelineIR,
  target: CompileTarget,
  overrides: ISettingsOverrides,
  given: Values
): Promise<IRunRecord> {
  const home = context.home ?? cellpipeHome();
  const values = checkedParameters(ir, given);
  if (target === 'argo') {
    // The namespace as the settings resolve it (checked there); the connection only needs it.
    const connection = connect({
      namespace: resolveSettings(ir, overrides).namespace
    });
    const { compiled, settings } = await compileForCluster(
      ir,
      'argo',
      overrides,
      connection
    );
    const documents = argoDocumentsFrom(
      structuredClone(compiled.documents),
      path
    );
    withParameters(
      documents.workflow as unknown as Record<string, unknown>,
      values
    );
    const record = await submitArgoRun(connection, {
      documents,
      notebook: path,
      pipeline: settings.name,
      params: values,
      argoUi: settings.argo.uiUrl ?? process.env.ARGO_UI_URL,
      home
    });
    void followArgoRun(connection, record, undefined, { home }).catch(
      logFailure(`following ${record.workflowName}`)
    );
    return record;
  }
  const { compiled, settings } = await compileForCluster(
    ir,
    'kfp',
    overrides,
    inCluster()
  );
  const [pipelineSpec, platformSpec] = compiled.documents;
  const client = kfpClient(settings);
  const record = await submitKfpRun(
    client,
    {
      notebook: path,
      displayName: settings.name,
      pipelineSpec,
      platformSpec,
      parameters: values,
      experimentId: undefined
    },
    home
  );
  void pollKfpRun(client, record, { home }).catch(
    logFailure(`following KFP run ${record.kfpRunId}`)
  );
  return record;
}

export async function cancelClusterRun(
  context: IEngineContext,
  record: IRunRecord
): Promise<IRunRecord> {
  const home = context.home ?? cellpipeHome();
  const cancelled =
    record.target === 'argo'
      ? await cancelArgoRun(
          connect({ namespace: record.namespace }),
          record.id,
          home
        )
      : await cancelKfpRun(
          kfpClient({ kfp: {} } as IPipelineSettings),
          record.id,
          home
        );
  return cancelled ?? record;
}
