/**
 * Cluster runs started from the lab: the compiled documents are submitted to Argo (through the
 * Kubernetes API, credentials from the server's kubeconfig or in-cluster config) or to KFP, then
 * followed in the background so the record in the store stays current. Loaded only when a
 * cluster run starts, so the engine starts without the Kubernetes client.
 */
import { IRunRecord } from '../../core/runs/record';
import { CompileTarget } from '../../core/generate/compiled';
import { IPipelineIR } from '../../core/ir/pipeline';
import { checkCompiles } from '../compile-check';
import { compileForCluster } from '../kube/compile-for-cluster';
import { resolveSettings } from '../../core/settings/resolve';
import {
  IPipelineSettings,
  ISettingsOverrides
} from '../../core/settings/resolved';
import { argoDocumentsFrom } from '../kube/argo-documents-file';
import { connect, inClusterConnection } from '../kube/connection';
import { cancelArgoRun, followArgoRun, submitArgoRun } from '../kube/argo-run';
import { KfpClient } from '../kfp/client';
import { chooseKfpEndpoint, recordedKfpEndpoint } from '../kfp/endpoint';
import { cancelKfpRun, pollKfpRun, submitKfpRun } from '../kfp/kfp-run';
import { checkedParameters, withParameters } from '../kube/run-parameters';
import { formatAttemptLogs, readArgoStepLogs } from '../kube/argo-logs';
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
 * The KFP client for a run from the lab. The lab's own settings (`overrides`) and the server's
 * environment are trusted; an endpoint that only the notebook names gets no credentials.
 */
function kfpClient(
  settings: IPipelineSettings,
  overrides: ISettingsOverrides
): KfpClient {
  return new KfpClient(
    chooseKfpEndpoint(
      { endpoint: settings.kfp.endpoint, uiEndpoint: settings.kfp.uiUrl },
      { endpoint: overrides.kfp?.endpoint, uiEndpoint: overrides.kfp?.uiUrl }
    )
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
  // The notebook's and the settings' problems first, then the cluster's (a missing kubeconfig).
  checkCompiles(ir, target, overrides);
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
    inClusterConnection()
  );
  const [pipelineSpec, platformSpec] = compiled.documents;
  const client = kfpClient(settings, overrides);
  const record = await submitKfpRun(
    client,
    {
      notebook: path,
      displayName: settings.name,
      pipelineSpec,
      platformSpec,
      parameters: values,
      experimentName: settings.experiment,
      namespace: settings.namespace
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
          new KfpClient(recordedKfpEndpoint(record.kfpEndpoint)),
          record.id,
          home
        );
  return cancelled ?? record;
}

/**
 * An Argo step's log for the run viewer, read from its pods like `cellpipe logs` (every attempt
 * of a retried step). The viewer tails by byte offset: each call returns what follows `offset`.
 */
export async function readClusterLog(
  record: IRunRecord,
  step: string,
  offset: number
): Promise<{ text: string; offset: number; complete: boolean }> {
  if (record.target !== 'argo') {
    return {
      text: `cellpipe: the ${record.target} run's logs are in its UI (see the run's links)\n`,
      offset: 0,
      complete: true
    };
  }
  const logs = await readArgoStepLogs(
    connect({ namespace: record.namespace }),
    record,
    [step]
  );
  const all = Buffer.from(formatAttemptLogs(logs, false), 'utf8');
  const start = Math.min(Math.floor(offset), all.length);
  const entry = record.steps.find(s => s.name === step);
  return {
    text: all.subarray(start).toString('utf8'),
    offset: all.length,
    complete:
      entry !== undefined && !['Pending', 'Running'].includes(entry.status)
  };
}
