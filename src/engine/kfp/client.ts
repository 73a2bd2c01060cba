/** The Kubeflow Pipelines v2beta1 REST calls cellpipe makes (and nothing else). */
import { UserError } from '../../core/errors';
import { IKfpEndpoint } from './endpoint';

/** The server must accept the pod security context our platform spec sets. */
export const MINIMUM_KFP_VERSION = [2, 16];

export interface IKfpTaskDetail {
  display_name?: string;
  state?: string;
  start_time?: string;
  end_time?: string;
  error?: { message?: string };
}

export interface IKfpRun {
  run_id?: string;
  display_name?: string;
  state?: string;
  created_at?: string;
  finished_at?: string;
  error?: { message?: string };
  pipeline_version_reference?: {
    pipeline_id?: string;
    pipeline_version_id?: string;
  };
  run_details?: { task_details?: IKfpTaskDetail[] };
}

export interface ICreateRunRequest {
  displayName: string;
  /** The compiled PipelineSpec, and its Kubernetes platform spec when there is one. */
  pipelineSpec: Record<string, unknown>;
  platformSpec?: Record<string, unknown>;
  parameters?: Record<string, number | string | boolean>;
  experimentId?: string;
  /**
   * The experiment by name (the notebook's `experiment` setting, or Kale's `experiment_name`),
   * used when no experimentId is given: found, or made, in `namespace`.
   */
  experimentName?: string;
  /** The namespace of a multi-user KFP that the experiment belongs to. */
  namespace?: string;
  serviceAccount?: string;
}

export class KfpClient {
  constructor(
    readonly endpoint: IKfpEndpoint,
    private readonly fetcher: typeof fetch = fetch,
    private readonly timeoutMs = 60000
  ) {}

  private async call<T>(
    method: string,
    path: string,
    body?: unknown
  ): Promise<T> {
    const url = `${this.endpoint.api}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (this.endpoint.authorization) {
      headers.authorization = this.endpoint.authorization;
    }
    let response: Response;
    try {
      response = await this.fetcher(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      });
    } catch (error) {
      const cause =
        (error as { cause?: { code?: string } }).cause?.code ?? String(error);
      throw new UserError(
        `cannot reach Kubeflow Pipelines at ${this.endpoint.api} (${cause}): check ` +
          (this.endpoint.source ?? 'the KFP endpoint')
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? message;
      } catch {
        // keep the text
      }
      const hint =
        response.status === 401 || response.status === 403
          ? ' (check the KFP auth setting and token)'
          : '';
      throw new UserError(
        `Kubeflow Pipelines: ${method} ${path} failed: ${response.status} ${message}${hint}`
      );
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  /**
   * The server's version from the v1beta1 healthz (`tag_name`); the v2beta1 healthz does not
   * report it. Undefined when the server does not say.
   */
  async serverVersion(): Promise<string | undefined> {
    try {
      const health = await this.call<{ tag_name?: string }>(
        'GET',
        '/apis/v1beta1/healthz'
      );
      return health.tag_name || undefined;
    } catch (error) {
      if (error instanceof UserError && /cannot reach/.test(error.message)) {
        throw error;
      }
      return undefined;
    }
  }

  /** Fails with a clear message on a server older than MINIMUM_KFP_VERSION. */
  async checkServer(): Promise<string | undefined> {
    await this.call('GET', '/apis/v2beta1/healthz');
    const version = await this.serverVersion();
    const match = version?.match(/(\d+)\.(\d+)/);
    if (match) {
      const [major, minor] = [Number(match[1]), Number(match[2])];
      const [needMajor, needMinor] = MINIMUM_KFP_VERSION;
      if (major < needMajor || (major === needMajor && minor < needMinor)) {
        throw new UserError(
          `Kubeflow Pipelines at ${this.endpoint.api} is version ${version}; cellpipe needs ` +
            `${needMajor}.${needMinor} or newer, which accepts the pods' security context ` +
            '(runAsNonRoot, seccomp, capabilities). Upgrade KFP, or use --target argo.'
        );
      }
    }
    return version;
  }

  /**
   * The ID of the experiment called `name` (in `namespace`, on a multi-user KFP), made when
   * there is none yet, as the KFP SDK's `create_experiment` does; `made` says which.
   */
  async experiment(
    name: string,
    namespace?: string
  ): Promise<{ id: string; made: boolean }> {
    const filter = JSON.stringify({
      predicates: [
        { operation: 'EQUALS', key: 'display_name', stringValue: name }
      ]
    });
    const query = new URLSearchParams({ filter, page_size: '1' });
    if (namespace) {
      query.set('namespace', namespace);
    }
    const found = await this.call<{
      experiments?: { experiment_id?: string; display_name?: string }[];
    }>('GET', `/apis/v2beta1/experiments?${query}`);
    const existing = found.experiments?.find(
      e => e.display_name === name
    )?.experiment_id;
    if (existing) {
      return { id: existing, made: false };
    }
    const made = await this.call<{ experiment_id?: string }>(
      'POST',
      '/apis/v2beta1/experiments',
      { display_name: name, ...(namespace ? { namespace } : {}) }
    );
    if (!made.experiment_id) {
      throw new UserError(
        `Kubeflow Pipelines created the experiment '${name}' but returned no experiment_id`
      );
    }
    return { id: made.experiment_id, made: true };
  }

  /** Deletes an experiment (one made for a run that then could not be created). */
  async deleteExperiment(id: string): Promise<void> {
    await this.call(
      'DELETE',
      `/apis/v2beta1/experiments/${encodeURIComponent(id)}`
    );
  }

  static inlineSpec(request: ICreateRunRequest): Record<string, unknown> {
    // With a platform spec, KFP takes both under one object, as its SDK sends them.
    return request.platformSpec
      ? {
          pipeline_spec: request.pipelineSpec,
          platform_spec: request.platformSpec
        }
      : request.pipelineSpec;
  }

  private runBody(request: ICreateRunRequest): Record<string, unknown> {
    const body: Record<string, unknown> = {
      display_name: request.displayName,
      runtime_config: { parameters: request.parameters ?? {} }
    };
    if (request.experimentId) {
      body.experiment_id = request.experimentId;
    }
    if (request.serviceAccount) {
      body.service_account = request.serviceAccount;
    }
    return body;
  }

  /** A run with the pipeline spec inline. */
  createRun(request: ICreateRunRequest): Promise<IKfpRun> {
    return this.call<IKfpRun>('POST', '/apis/v2beta1/runs', {
      ...this.runBody(request),
      pipeline_spec: KfpClient.inlineSpec(request)
    });
  }

  /** Uploads the pipeline (a new pipeline and version), then runs that version. */
  async uploadAndRun(
    request: ICreateRunRequest
  ): Promise<{ run: IKfpRun; pipelineId?: string }> {
    const created = await this.call<{ pipeline_id?: string }>(
      'POST',
      '/apis/v2beta1/pipelines/create',
      {
        pipeline: {
          display_name: `${request.displayName}-${Date.now().toString(36)}`
        },
        pipeline_version: {
          display_name: request.displayName,
          pipeline_spec: KfpClient.inlineSpec(request)
        }
      }
    );
    const pipelineId = created.pipeline_id;
    if (!pipelineId) {
      throw new UserError(
        'Kubeflow Pipelines created the pipeline but returned no pipeline_id'
      );
    }
    try {
      return {
        run: await this.runLatestVersion(request, pipelineId),
        pipelineId
      };
    } catch (error) {
      // A failed submission leaves no pipeline uploaded for it behind.
      await this.deletePipeline(pipelineId).catch(() => undefined);
      throw error;
    }
  }

  /** Runs the newest version of the pipeline (the one just uploaded). */
  private async runLatestVersion(
    request: ICreateRunRequest,
    pipelineId: string
  ): Promise<IKfpRun> {
    const versions = await this.call<{
      pipeline_versions?: { pipeline_version_id?: string }[];
    }>(
      'GET',
      `/apis/v2beta1/pipelines/${encodeURIComponent(pipelineId)}/versions?page_size=1&sort_by=created_at%20desc`
    );
    const versionId = versions.pipeline_versions?.[0]?.pipeline_version_id;
    return this.call<IKfpRun>('POST', '/apis/v2beta1/runs', {
      ...this.runBody(request),
      pipeline_version_reference: {
        pipeline_id: pipelineId,
        pipeline_version_id: versionId
      }
    });
  }

  /** Deletes a pipeline and its versions (one uploaded for a run that then failed). */
  async deletePipeline(id: string): Promise<void> {
    await this.call(
      'DELETE',
      `/apis/v2beta1/pipelines/${encodeURIComponent(id)}?cascade=true`
    );
  }

  getRun(runId: string): Promise<IKfpRun> {
    return this.call<IKfpRun>(
      'GET',
      `/apis/v2beta1/runs/${encodeURIComponent(runId)}`
    );
  }

  async terminateRun(runId: string): Promise<void> {
    await this.call(
      'POST',
      `/apis/v2beta1/runs/${encodeURIComponent(runId)}:terminate`
    );
  }
}
