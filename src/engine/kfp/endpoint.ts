/**
 * Where the Kubeflow Pipelines API is and how to authenticate: the endpoint from settings or
 * KF_PIPELINES_ENDPOINT, the UI from KF_PIPELINES_UI_ENDPOINT (else the endpoint), and auth
 * none, the pod's projected service-account token (as the KFP SDK reads it), or a bearer token.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../../core/errors';

export type KfpAuth = 'none' | 'service-account' | 'bearer';

export interface IKfpEndpoint {
  api: string;
  ui: string;
  auth: KfpAuth;
  /** The Authorization header value, when auth is not none. */
  authorization?: string;
  /** Upload the pipeline, then run its version, instead of an inline pipeline_spec. */
  upload: boolean;
  /**
   * True when the endpoint is the one configured on the server side (environment, command line
   * or lab settings); only such an endpoint may receive credentials (design §5).
   */
  configured: boolean;
  /** Why the run goes without credentials, when it does because of the notebook. */
  notice?: string;
  /** Where the API address came from, as a message tells the user to check it. */
  source?: string;
}

/** Where a KFP endpoint is set, besides the environment, as messages name it. */
const ENDPOINT_SETTING =
  "the KFP endpoint setting (the lab's Settings Editor, cellpipe, kfpEndpoint; --kfp-endpoint on the command line)";

export interface IKfpSettings {
  endpoint?: string;
  uiEndpoint?: string;
  auth?: KfpAuth;
  token?: string;
  upload?: boolean;
}

/** Where Kubeflow projects the pipelines token into notebook pods (KF_PIPELINES_SA_TOKEN_PATH). */
export const SA_TOKEN_PATH = '/var/run/secrets/kubeflow/pipelines/token';

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function checkUrl(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(
      `${what} '${url}' is not a URL (expected http://host:port or https://...)`
    );
  }
  if (parsed.username || parsed.password) {
    // Never quoted: the user part may hold a password.
    throw new UserError(
      `${what} holds a user name or password; give the token through KF_PIPELINES_TOKEN instead`
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`${what} '${url}' must be an http or https URL`);
  }
  return trimSlash(url);
}

/** The endpoint configured on the server side, if any: the given setting, else the environment. */
export function configuredKfpApi(
  settings: IKfpSettings,
  env: NodeJS.ProcessEnv = process.env
): string | undefined {
  const text = settings.endpoint ?? env.KF_PIPELINES_ENDPOINT;
  return text ? checkUrl(text, 'the KFP endpoint') : undefined;
}

/** The environment without anything that authenticates. */
function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.KF_PIPELINES_TOKEN;
  delete rest.KF_PIPELINES_ENDPOINT;
  delete rest.KF_PIPELINES_UI_ENDPOINT;
  delete rest.KF_PIPELINES_SA_TOKEN_PATH;
  return rest;
}

/**
 * The endpoint for a run whose notebook may name one (`metadata.cellpipe.kfp.endpoint`, untrusted
 * input). `trusted` holds what the server side configured. A notebook-named endpoint other than
 * the configured one gets the run without any credentials, and `notice` says so.
 */
export function chooseKfpEndpoint(
  named: { endpoint?: string; uiEndpoint?: string },
  trusted: IKfpSettings,
  env: NodeJS.ProcessEnv = process.env
): IKfpEndpoint {
  const configured = configuredKfpApi(trusted, env);
  const namedApi =
    named.endpoint === undefined
      ? undefined
      : checkUrl(named.endpoint, "the notebook's KFP endpoint");
  if (namedApi === undefined || namedApi === configured) {
    return resolveKfpEndpoint(trusted, env);
  }
  const endpoint = resolveKfpEndpoint(
    { endpoint: namedApi, uiEndpoint: named.uiEndpoint, auth: 'none' },
    withoutCredentials(env)
  );
  endpoint.configured = false;
  endpoint.source =
    "the notebook's KFP endpoint (metadata.cellpipe.kfp.endpoint), or the one recorded with the run";
  endpoint.notice =
    `the notebook names the KFP endpoint ${namedApi}, which is not the one configured on the ` +
    `server (${configured ?? 'none configured'}): the run was sent there without credentials`;
  return endpoint;
}

/**
 * The endpoint to follow or cancel a recorded run at: the recorded one, with credentials only
 * when it is still the configured endpoint.
 */
export function recordedKfpEndpoint(
  recorded: string | undefined,
  trusted: IKfpSettings = {},
  env: NodeJS.ProcessEnv = process.env
): IKfpEndpoint {
  return chooseKfpEndpoint({ endpoint: recorded }, trusted, env);
}

export function resolveKfpEndpoint(
  settings: IKfpSettings,
  env: NodeJS.ProcessEnv = process.env
): IKfpEndpoint {
  const apiText = settings.endpoint ?? env.KF_PIPELINES_ENDPOINT;
  if (!apiText) {
    throw new UserError(
      'no Kubeflow Pipelines endpoint: set KF_PIPELINES_ENDPOINT where the server starts (for ' +
        `example http://ml-pipeline.kubeflow:8888), or ${ENDPOINT_SETTING}`
    );
  }
  const api = checkUrl(apiText, 'the KFP endpoint');
  const ui = checkUrl(
    settings.uiEndpoint ?? env.KF_PIPELINES_UI_ENDPOINT ?? api,
    'the KFP UI endpoint'
  );
  const token = settings.token ?? env.KF_PIPELINES_TOKEN;
  const auth: KfpAuth = settings.auth ?? (token ? 'bearer' : 'none');
  const endpoint: IKfpEndpoint = {
    api,
    ui,
    auth,
    upload: settings.upload ?? false,
    configured: true,
    source: settings.endpoint ? ENDPOINT_SETTING : 'KF_PIPELINES_ENDPOINT'
  };
  if (auth === 'bearer') {
    if (!token) {
      throw new UserError(
        'KFP auth is bearer but no token is given (set KF_PIPELINES_TOKEN)'
      );
    }
    endpoint.authorization = `Bearer ${token}`;
  } else if (auth === 'service-account') {
    const path = env.KF_PIPELINES_SA_TOKEN_PATH ?? SA_TOKEN_PATH;
    let saToken: string;
    try {
      saToken = readFileSync(path, 'utf8').trim();
    } catch {
      throw new UserError(
        `KFP auth is service-account but ${path} cannot be read: is this a notebook pod ` +
          'with the pipelines token projected (PodDefault access-ml-pipeline)?'
      );
    }
    endpoint.authorization = `Bearer ${saToken}`;
  }
  return endpoint;
}

/** `<kfp-ui>/#/runs/details/<run-id>` (design §6). */
export function kfpRunLink(ui: string, runId: string): string {
  return `${ui}/#/runs/details/${encodeURIComponent(runId)}`;
}

/** `<kfp-ui>/#/pipelines/details/<id>` (design §6). */
export function kfpPipelineLink(ui: string, pipelineId: string): string {
  return `${ui}/#/pipelines/details/${encodeURIComponent(pipelineId)}`;
}
