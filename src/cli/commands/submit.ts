/** `cellpipe submit FILE --target argo|kfp [--namespace NS] [--watch] [--json]` and `--cancel ID` */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ICliCommand } from '../command';
import { IParsedArgs, oneNotebook, parseArgs } from '../args';
import { UserError } from '../../core/errors';
import { IRunRecord } from '../../core/runs/record';
import {
  connect,
  IKubeConnection,
  inClusterConnection
} from '../../engine/kube/connection';
import { parseArgoDocuments } from '../../engine/kube/argo-documents-file';
import {
  cancelArgoRun,
  DEFAULT_ARGO_UI,
  followArgoRun,
  submitArgoRun
} from '../../engine/kube/argo-run';
import { kfpClientFrom, submitKfpCommand } from './submit-kfp';
import { readRecord } from '../../engine/local/store';
import { cancelKfpRun } from '../../engine/kfp/kfp-run';
import { ISettingsOverrides } from '../../core/settings/resolved';
import { compileNotebookForSubmit } from '../../engine/kube/compile-for-cluster';
import {
  checkedParameters,
  ParameterValues,
  withParameters
} from '../../engine/kube/run-parameters';
import { IPipelineIR } from '../../core/ir/pipeline';
import { progressLines } from './progress-lines';

const usage = `usage: cellpipe submit NOTEBOOK|FILE --target argo|kfp [--namespace NS] [--watch] [--json]
                       [--param NAME=VALUE]... [--image IMAGE] [--argo-ui URL]
       cellpipe submit --cancel RUN_ID

Submits a compiled pipeline to the cluster of the current kubeconfig (KUBECONFIG, else
~/.kube/config, else the in-cluster service account) and records the run (see \`cellpipe runs\`).
NOTEBOOK (.ipynb) is compiled first; FILE is the output of \`cellpipe compile NOTEBOOK --target argo|kfp\`.
  --target argo|kfp   Argo Workflows (through the Kubernetes API) or Kubeflow Pipelines (REST)
  --namespace NS      the namespace (default: the kubeconfig context's, else the pod's own)
  --param NAME=VALUE  a pipeline parameter's value for this run (repeatable; NOTEBOOK only),
                      checked and typed as for \`cellpipe run\`
  --image IMAGE       the default step image (NOTEBOOK only; a step's image: tag wins)
  --watch             follow the run until it finishes; reconnects when the apiserver goes away
  --json              print the run record as JSON on stdout
  --argo-ui URL       Argo UI base URL for the link (default: ARGO_UI_URL, else ${DEFAULT_ARGO_UI})
  --cancel RUN_ID     cancel a recorded cluster run (Argo: spec.shutdown=Terminate; KFP: :terminate)
  --kfp-endpoint URL  KFP API (default: KF_PIPELINES_ENDPOINT); UI from KF_PIPELINES_UI_ENDPOINT
  --kfp-auth MODE     none, service-account (the pod's projected token) or bearer
                      (KF_PIPELINES_TOKEN); default: bearer when a token is set, else none
  --kfp-upload        upload the pipeline and run its version, instead of an inline spec
  --kfp-experiment ID the experiment for the run (default: NOTEBOOK's experiment setting,
                      found or made by name in --namespace; else KFP's default experiment)
Exits 0 when submitted (with --watch: when it succeeded), 1 when the run failed, 2 for bad input.`;

/** Settings from the command line for a notebook compiled here. */
function overrides(parsed: IParsedArgs): ISettingsOverrides {
  const result: ISettingsOverrides = {};
  const namespace = parsed.options.get('--namespace');
  if (namespace !== undefined) {
    result.namespace = namespace;
  }
  const image = parsed.options.get('--image');
  if (image !== undefined) {
    result.image = image;
  }
  return result;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read ${path}: no such file`);
  }
}

function print(record: IRunRecord, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(record, null, 2) + '\n');
    return;
  }
  const where = record.namespace ? ` in namespace ${record.namespace}` : '';
  process.stdout.write(
    `${record.id}  ${record.status}  ${record.workflowName ?? record.kfpRunId ?? ''}${where}\n` +
      record.links.map(l => `  ${l.label}: ${l.url}\n`).join('')
  );
}

function exitCode(record: IRunRecord, watched: boolean): number {
  if (!watched) {
    return 0;
  }
  return record.status === 'Succeeded'
    ? 0
    : record.status === 'Cancelled'
      ? 130
      : 1;
}

async function submitArgo(
  parsed: IParsedArgs,
  file: string,
  text: string,
  connection: IKubeConnection,
  params: ParameterValues | undefined
): Promise<number> {
  const json = parsed.flags.has('--json');
  const documents = parseArgoDocuments(text, file);
  if (params) {
    withParameters(
      documents.workflow as unknown as Record<string, unknown>,
      params
    );
  }
  const record = await submitArgoRun(connection, {
    documents,
    notebook: resolve(file), // absolute, as a local run records it (prepare.ts)
    pipeline: documents.workflow.metadata.name ?? basename(file),
    params,
    argoUi: parsed.options.get('--argo-ui') ?? process.env.ARGO_UI_URL
  });
  if (!parsed.flags.has('--watch')) {
    print(record, json);
    return 0;
  }
  if (!json) {
    print(record, false);
  }
  const final = await followArgoRun(
    connection,
    record,
    json ? undefined : r => process.stderr.write(progressLines(r)),
    {
      onReconnect: (reason, delay) =>
        process.stderr.write(
          `watch interrupted (${reason}); reconnecting in ${delay} ms\n`
        )
    }
  );
  if (json) {
    print(final, true);
  }
  return exitCode(final, true);
}

export const submitCommand: ICliCommand = {
  name: 'submit',
  summary:
    'submit a compiled pipeline to Argo Workflows or Kubeflow Pipelines, record the run',
  usage,
  async run(args) {
    const parsed = parseArgs(args, {
      flags: ['--json', '--watch', '--kfp-upload'],
      options: [
        '--target',
        '--namespace',
        '--image',
        '--argo-ui',
        '--cancel',
        '--kfp-endpoint',
        '--kfp-auth',
        '--kfp-experiment'
      ],
      multi: ['--param'],
      aliases: { '-n': '--namespace', '-t': '--target', '-p': '--param' }
    });
    const cancel = parsed.options.get('--cancel');
    const cancelled = cancel === undefined ? undefined : readRecord(cancel);
    if (cancel !== undefined && cancelled?.target === 'kfp') {
      await cancelKfpRun(kfpClientFrom(parsed, cancelled.kfpEndpoint), cancel);
      process.stdout.write(`cancel requested: KFP run of ${cancel}\n`);
      return 0;
    }
    if (cancel !== undefined) {
      const connection = connect({
        namespace: parsed.options.get('--namespace')
      });
      const record = await cancelArgoRun(connection, cancel);
      if (!record) {
        throw new UserError(
          `no recorded Argo run '${cancel}' (see \`cellpipe runs\`)`
        );
      }
      process.stdout.write(
        `cancel requested: ${record.workflowName} in namespace ${record.namespace}\n`
      );
      return 0;
    }
    const file = oneNotebook(parsed, usage);
    const target = parsed.options.get('--target');
    const notebook = file.endsWith('.ipynb');
    const given = parsed.multi.get('--param') ?? [];
    if (given.length && !notebook) {
      throw new UserError(
        `--param needs the notebook (.ipynb) to check the values against; ${file} is a compiled file`
      );
    }
    /** The checked values; undefined when none are given. */
    const params = (ir: IPipelineIR): ParameterValues | undefined =>
      given.length ? checkedParameters(ir, given) : undefined;
    if (target === 'argo') {
      // Connected once the notebook compiles: its problems come before the cluster's.
      let connection: IKubeConnection | undefined;
      const connected = () =>
        (connection ??= connect({
          namespace: parsed.options.get('--namespace')
        }));
      if (!notebook) {
        return submitArgo(parsed, file, readText(file), connected(), undefined);
      }
      const { text, ir } = await compileNotebookForSubmit(
        file,
        'argo',
        overrides(parsed),
        connected
      );
      return submitArgo(parsed, file, text, connected(), params(ir));
    }
    if (target === 'kfp') {
      if (!notebook) {
        return submitKfpCommand(parsed, file, readText(file));
      }
      const { text, ir, settings } = await compileNotebookForSubmit(
        file,
        'kfp',
        overrides(parsed),
        inClusterConnection
      );
      return submitKfpCommand(parsed, file, text, params(ir), settings);
    }
    throw new UserError(
      `--target must be argo or kfp, got '${target ?? ''}'\n${usage}`
    );
  }
};
