/**
 * The engine loop: JSON requests, one per line, on `input`; one JSON response per line on
 * `output`. Requests run concurrently, so a slow cluster submission never blocks an analysis,
 * and analyses run in a thread of their own (analysis-thread.ts), so a long one never holds the
 * other requests. Nothing else goes to `output`: diagnostics go to stderr.
 */
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { AnalysisThread, runsInAnalysisThread } from './analysis-thread';
import { engineMethods } from './methods';
import { errorReply, IEngineRequest, IEngineResponse } from './protocol';
import { IEngineContext } from './run-methods';
import { replyLine } from './reply-size';

function parseRequest(line: string): IEngineRequest | IEngineResponse {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return {
      id: null,
      error: { status: 400, message: 'the request is not JSON' }
    };
  }
  const request = value as Partial<IEngineRequest>;
  const idOk =
    typeof request?.id === 'number' || typeof request?.id === 'string';
  if (!idOk || typeof request.method !== 'string') {
    return {
      id: idOk ? (request.id as IEngineRequest['id']) : null,
      error: { status: 400, message: 'a request needs "id" and "method"' }
    };
  }
  return request as IEngineRequest;
}

export async function handleRequest(
  context: IEngineContext,
  version: string,
  request: IEngineRequest
): Promise<IEngineResponse> {
  const method = engineMethods(version)[request.method];
  if (!method) {
    return {
      id: request.id,
      error: {
        status: 404,
        message: `the engine has no method "${request.method}"`
      }
    };
  }
  const params = request.params;
  if (
    params !== undefined &&
    (params === null || typeof params !== 'object' || Array.isArray(params))
  ) {
    return {
      id: request.id,
      error: { status: 400, message: '"params" must be an object' }
    };
  }
  try {
    return { id: request.id, result: await method(context, params ?? {}) };
  } catch (error) {
    if (
      !(error instanceof Error) ||
      error.name === 'Error' ||
      error.name === 'TypeError'
    ) {
      process.stderr.write(
        `cellpipe engine: ${request.method} failed: ${error instanceof Error ? error.stack : String(error)}\n`
      );
    }
    return { id: request.id, error: errorReply(error) };
  }
}

/**
 * Serves until `input` ends; resolves once every started request has answered.
 * `analysisEntry`: the engine bundle, to run analyses in a worker thread that loads it; without
 * it they run on this thread.
 */
export function serve(
  context: IEngineContext,
  version: string,
  input: Readable,
  output: Writable,
  options: { analysisEntry?: string } = {}
): Promise<void> {
  const thread = options.analysisEntry
    ? new AnalysisThread(options.analysisEntry)
    : undefined;
  const pending = new Set<Promise<void>>();
  const write = (response: IEngineResponse, method = 'request') => {
    output.write(replyLine(response, method) + '\n');
  };
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', line => {
    if (line.trim() === '') {
      return;
    }
    const parsed = parseRequest(line);
    if ('error' in parsed || 'result' in parsed) {
      write(parsed);
      return;
    }
    const answer =
      thread && runsInAnalysisThread(parsed)
        ? thread.run(context, version, parsed)
        : handleRequest(context, version, parsed);
    const work = answer.then(response => write(response, parsed.method));
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  return new Promise(done => {
    lines.on('close', () => {
      void Promise.all(pending).then(() => done());
    });
  });
}
