/**
 * The one boundary between the lab and the server: every call to a `/cellpipe/` route goes
 * through `requestAPI`, so Jest tests of the models mock only this function.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** A failed request, with the server's message (which names notebook, cell and line). */
export class CellpipeRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly location?: { notebook?: string; cell?: number; line?: number }
  ) {
    super(message);
    this.name = 'CellpipeRequestError';
  }
}

/**
 * Calls `/cellpipe/<endPoint>` with Jupyter's authentication and returns the parsed JSON body.
 * Throws CellpipeRequestError for an error status or a network failure.
 */
export async function requestAPI<T>(
  endPoint = '',
  init: RequestInit = {}
): Promise<T> {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'cellpipe', endPoint);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new CellpipeRequestError(
      `cannot reach the Jupyter server: ${(error as Error).message}`,
      0
    );
  }
  const text = await response.text();
  let body: unknown = undefined;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    const detail = body as
      | { message?: string; location?: CellpipeRequestError['location'] }
      | undefined;
    throw new CellpipeRequestError(
      detail?.message ?? `${response.status} ${response.statusText}`,
      response.status,
      detail?.location
    );
  }
  return body as T;
}

/** POST with a JSON body. */
export function postAPI<T>(endPoint: string, body: unknown): Promise<T> {
  return requestAPI<T>(endPoint, {
    method: 'POST',
    body: JSON.stringify(body)
  });
}
