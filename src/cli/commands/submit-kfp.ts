/** The KFP half of `cellpipe submit`: create the run over REST, optionally poll it. */
import { basename, resolve } from 'node:path';
import { IParsedArgs } from '../args';
import { IRunRecord } from '../../core/runs/record';
import { KfpClient } from '../../engine/kfp/client';
import {
  chooseKfpEndpoint,
  resolveKfpEndpoint,
  KfpAuth
} from '../../engine/kfp/endpoint';
import { UserError } from '../../core/errors';
import {
  parseKfpDocuments,
  pollKfpRun,
  submitKfpRun
} from '../../engine/kfp/kfp-run';
import { progressLines } from './progress-lines';
import { IPipelineSettings } from '../../core/settings/resolved';

const auths: KfpAuth[] = ['none', 'service-account', 'bearer'];

/**
 * The client for the endpoint on the command line (else the environment). With `recorded`, the
 * API a recorded run went to: credentials go there only when it is that configured endpoint.
 */
export function kfpClientFrom(
  parsed: IParsedArgs,
  recorded?: string
): KfpClient {
  const auth =
    parsed.options.get('--kfp-auth') ?? process.env.CELLPIPE_KFP_AUTH;
  if (auth !== undefined && !auths.includes(auth as KfpAuth)) {
    throw new UserError(
      `--kfp-auth must be one of ${auths.join(', ')}, got '${auth}'`
    );
  }
  const trusted = {
    endpoint: parsed.options.get('--kfp-endpoint'),
    auth: auth as KfpAuth | undefined,
    upload: parsed.flags.has('--kfp-upload')
  };
  return new KfpClient(
    recorded === undefined
      ? resolveKfpEndpoint(trusted)
      : chooseKfpEndpoint({ endpoint: recorded }, trusted)
  );
}

function describe(record: IRunRecord): string {
  return (
    `${record.id}  ${record.status}  KFP run ${record.kfpRunId}\n` +
    record.links.map(l => `  ${l.label}: ${l.url}\n`).join('')
  );
}

export async function submitKfpCommand(
  parsed: IParsedArgs,
  file: string,
  text: string,
  parameters?: Record<string, string | number | boolean>,
  settings?: IPipelineSettings
): Promise<number> {
  const json = parsed.flags.has('--json');
  const client = kfpClientFrom(parsed);
  const documents = parseKfpDocuments(text, file);
  const info = documents.pipelineSpec.pipelineInfo as
    { name?: string } | undefined;
  const record = await submitKfpRun(client, {
    notebook: resolve(file), // absolute, as a local run records it (prepare.ts)
    displayName: info?.name ?? basename(file),
    pipelineSpec: documents.pipelineSpec,
    platformSpec: documents.platformSpec,
    parameters,
    experimentId: parsed.options.get('--kfp-experiment'),
    experimentName: settings?.experiment,
    namespace: settings?.namespace
  });
  if (!parsed.flags.has('--watch')) {
    process.stdout.write(
      json ? JSON.stringify(record, null, 2) + '\n' : describe(record)
    );
    return 0;
  }
  if (!json) {
    process.stdout.write(describe(record));
  }
  const final = await pollKfpRun(client, record, {
    onChange: json ? undefined : r => process.stderr.write(progressLines(r))
  });
  if (json) {
    process.stdout.write(JSON.stringify(final, null, 2) + '\n');
  }
  return final.status === 'Succeeded'
    ? 0
    : final.status === 'Cancelled'
      ? 130
      : 1;
}
