/**
 * The engine's protocol (docs/internals.md, "The engine"): one JSON request per line on stdin,
 * one JSON response per line on stdout, matched by `id`. Requests run concurrently.
 */
import { IErrorLocation, UserError } from '../../core/errors';

export interface IEngineRequest {
  id: number | string;
  method: string;
  params?: Record<string, unknown>;
}

export interface IEngineError {
  /** The HTTP status the server extension answers with. */
  status: number;
  message: string;
  location?: IErrorLocation;
}

export type IEngineResponse =
  | { id: IEngineRequest['id']; result: unknown }
  | { id: IEngineRequest['id'] | null; error: IEngineError };

/** A refusal with an HTTP status other than 400 (404 for an unknown run, for example). */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** What the browser may see of a failure: never a stack trace. */
export function errorReply(error: unknown): IEngineError {
  if (error instanceof EngineError) {
    return { status: error.status, message: error.message };
  }
  if (error instanceof UserError) {
    const notFound =
      /^no run '/.test(error.message) || /has no step '/.test(error.message);
    return {
      status: notFound ? 404 : 400,
      message: error.describe(),
      location: error.location
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, message: `cellpipe engine: ${message}` };
}
