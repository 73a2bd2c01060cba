/** Turns apiserver failures into messages a user can act on (UserError, never a stack trace). */
import { UserError } from '../../core/errors';

export interface IKubeAction {
  /** `create`, `get`, `patch`, `delete`, `watch` ... */
  verb: string;
  /** `workflows.argoproj.io`, `configmaps` ... */
  resource: string;
  namespace: string;
  name?: string;
  server: string;
}

interface IStatusBody {
  message?: string;
  reason?: string;
}

function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function statusBody(error: unknown): IStatusBody {
  const body = (error as { body?: unknown } | null)?.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as IStatusBody;
    } catch {
      return { message: body };
    }
  }
  return (body as IStatusBody) ?? {};
}

const networkCodes = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE'
];

/** True when the apiserver could not be reached at all (as opposed to an HTTP answer). */
export function isUnreachable(error: unknown): boolean {
  const text = String(
    (error as { code?: unknown; message?: unknown } | null)?.message ?? error
  );
  const code = (error as { code?: unknown } | null)?.code;
  return (
    (typeof code === 'string' && networkCodes.includes(code)) ||
    networkCodes.some(c => text.includes(c)) ||
    /socket hang up|request to .* failed/i.test(text)
  );
}

export function isConflict(error: unknown): boolean {
  return statusCode(error) === 409;
}

export function isNotFound(error: unknown): boolean {
  return statusCode(error) === 404;
}

/** A clear error for a failed API call; rethrows anything that is not an API failure. */
export function describeKubeError(error: unknown, action: IKubeAction): Error {
  const code = statusCode(error);
  const where = `namespace '${action.namespace}'`;
  const what = `${action.resource}${action.name ? ` '${action.name}'` : ''}`;
  if (code === 401) {
    return new UserError(
      `the cluster at ${action.server} did not accept our credentials (401 Unauthorized): ` +
        'log in again or refresh the token in your kubeconfig'
    );
  }
  if (code === 403) {
    return new UserError(
      `permission denied (403): you may not '${action.verb}' ${action.resource} in ${where}. ` +
        `Ask your cluster admin for a Role that grants '${action.verb}' on ${action.resource} there, ` +
        'or submit to your own namespace with --namespace.'
    );
  }
  if (code === 404 && action.resource.includes('argoproj.io')) {
    return new UserError(
      `the cluster at ${action.server} does not serve ${action.resource} in ${where} (404): ` +
        'is Argo Workflows installed, and does the namespace exist?'
    );
  }
  if (code === 422 || code === 400) {
    return new UserError(
      `the apiserver rejected ${what} in ${where} (${code}): ${statusBody(error).message ?? 'invalid'}`
    );
  }
  if (code !== undefined) {
    return new UserError(
      `could not ${action.verb} ${what} in ${where}: ${code} ${statusBody(error).message ?? ''}`.trim()
    );
  }
  if (isUnreachable(error)) {
    return new UserError(
      `cannot reach the Kubernetes apiserver at ${action.server}: ` +
        'is the cluster up and your kubeconfig current?'
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
