/**
 * A stand-in KFP server for contract tests (NOT a real Kubeflow Pipelines): it listens on
 * 127.0.0.1, records every request, and checks each one against the vendored v2beta1 swagger
 * (the path and method exist, query parameters are declared, the body matches its definition
 * with no undeclared fields). Its canned responses are checked against the swagger too.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Ajv, { ValidateFunction } from 'ajv';

export const SCHEMAS =
  process.env.CELLPIPE_SCHEMAS ?? resolve(__dirname, '../../../shared/schemas');
export const SWAGGER_PATH = join(
  SCHEMAS,
  'kfp-2.17/kfp_api_v2beta1.swagger.json'
);

interface ISwaggerParameter {
  name: string;
  in: string;
  schema?: { $ref?: string };
}

interface ISwagger {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: ISwaggerParameter[];
        responses: Record<string, { schema?: { $ref?: string } }>;
      }
    >
  >;
  definitions: Record<string, unknown>;
}

export interface IRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The swagger path template it matched, or undefined. */
  operation?: string;
  /** Contract violations found (empty when the request is valid). */
  problems: string[];
}

/** Closes every object schema that lists its properties, so undeclared fields are errors. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(closed);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as object).map(([k, v]) => [k, closed(v)])
          )
        : closed(value);
  }
  if ('properties' in out && !('additionalProperties' in out)) {
    out.additionalProperties = false;
  }
  return out;
}

export class ContractChecker {
  readonly swagger: ISwagger;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    this.swagger = JSON.parse(readFileSync(SWAGGER_PATH, 'utf8')) as ISwagger;
    this.ajv = new Ajv({
      strict: false,
      validateFormats: false,
      allErrors: true
    });
    this.ajv.addSchema({
      $id: 'kfp',
      definitions: closed(this.swagger.definitions)
    });
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `kfp#${ref}` });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  /** Problems with `value` against `#/definitions/NAME`. */
  check(ref: string, value: unknown): string[] {
    const validate = this.validator(ref);
    return validate(value)
      ? []
      : (validate.errors ?? []).map(
          e =>
            `${ref}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`
        );
  }

  findOperation(method: string, path: string): string | undefined {
    return Object.keys(this.swagger.paths).find(template => {
      const pattern = new RegExp(
        '^' +
          template
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\{[^}]+\}/g, '[^/:]+') +
          '$'
      );
      return (
        pattern.test(path) &&
        this.swagger.paths[template][method.toLowerCase()] !== undefined
      );
    });
  }

  checkRequest(request: IRecordedRequest): string[] {
    const template = this.findOperation(request.method, request.path);
    request.operation = template;
    if (!template) {
      return [`${request.method} ${request.path} is not in the v2beta1 API`];
    }
    const operation =
      this.swagger.paths[template][request.method.toLowerCase()];
    const parameters = operation.parameters ?? [];
    const problems: string[] = [];
    for (const name of Object.keys(request.query)) {
      if (!parameters.some(p => p.in === 'query' && p.name === name)) {
        problems.push(
          `query parameter '${name}' is not declared for ${request.method} ${template}`
        );
      }
    }
    const bodyParameter = parameters.find(p => p.in === 'body');
    if (bodyParameter?.schema?.$ref) {
      problems.push(
        ...this.check(bodyParameter.schema.$ref.slice(1), request.body)
      );
    } else if (request.body !== undefined) {
      problems.push(`${request.method} ${template} takes no JSON body`);
    }
    return problems;
  }

  responseRef(method: string, template: string): string | undefined {
    return this.swagger.paths[template][method.toLowerCase()].responses[
      '200'
    ]?.schema?.$ref?.slice(1);
  }
}

export type Responder = (
  request: IRecordedRequest
) => { status: number; body: unknown } | undefined;

export class KfpPeer {
  readonly requests: IRecordedRequest[] = [];
  private server?: Server;
  readonly checker = new ContractChecker();

  constructor(private readonly respond: Responder) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: IRecordedRequest = {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: text ? JSON.parse(text) : undefined,
          problems: []
        };
        if (recorded.path.startsWith('/apis/v2beta1/')) {
          try {
            recorded.problems = this.checker.checkRequest(recorded);
          } catch (error) {
            recorded.problems = [`the contract check failed: ${String(error)}`];
          }
        }
        this.requests.push(recorded);
        const answer = this.respond(recorded) ?? {
          status: 404,
          body: { code: 5, message: 'not found' }
        };
        if (answer.status === 200 && recorded.operation) {
          const ref = this.checker.responseRef(
            recorded.method,
            recorded.operation
          );
          if (ref) {
            recorded.problems.push(
              ...this.checker
                .check(ref, answer.body)
                .map(p => `canned response: ${p}`)
            );
          }
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(done => this.server?.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise(done =>
      this.server ? this.server.close(() => done()) : done()
    );
  }
}
