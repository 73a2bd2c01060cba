/**
 * Submits an Argo pipeline: once the claims it mounts are found (claims-check.ts), ConfigMaps,
 * then the Workflow, then each ConfigMap gets an ownerReference to the Workflow (so deleting the
 * Workflow deletes them). Any failure rolls back what was created; a name clash retries under a
 * new suffix.
 */
import * as k8s from '@kubernetes/client-node';
import { UserError } from '../../core/errors';
import { IKubeConnection } from './connection';
import {
  IArgoDocuments,
  IWorkflowObject,
  nameSubmission,
  WORKFLOW_API
} from './argo-documents';
import { describeKubeError, isConflict, isNotFound } from './errors';
import { checkMountedClaims } from './claims-check';

export interface ISubmitted {
  workflow: IWorkflowObject;
  namespace: string;
  name: string;
  /** Attempts it took (more than 1 after a name clash). */
  attempts: number;
}

export interface ISubmitOptions {
  /** For tests: the suffixes to use, in order (a clash moves to the next). */
  suffixes?: string[];
  maxAttempts?: number;
  /** The notebook (or document) submitted, for messages. */
  notebook?: string;
}

const fieldManager = 'cellpipe';

class Submission {
  private readonly core: k8s.CoreV1Api;
  private readonly custom: k8s.CustomObjectsApi;
  private readonly createdConfigMaps: string[] = [];
  private workflowCreated = false;

  constructor(
    private readonly connection: IKubeConnection,
    private readonly documents: IArgoDocuments
  ) {
    this.core = connection.config.makeApiClient(k8s.CoreV1Api);
    this.custom = connection.config.makeApiClient(k8s.CustomObjectsApi);
  }

  private get namespace(): string {
    return this.connection.namespace;
  }

  private fail(
    error: unknown,
    verb: string,
    resource: string,
    name?: string
  ): never {
    throw describeKubeError(error, {
      verb,
      resource,
      namespace: this.namespace,
      name,
      server: this.connection.server
    });
  }

  async run(): Promise<IWorkflowObject> {
    const created: k8s.V1ConfigMap[] = [];
    for (const configMap of this.documents.configMaps) {
      const name = configMap.metadata?.name as string;
      try {
        created.push(
          await this.core.createNamespacedConfigMap({
            namespace: this.namespace,
            body: configMap,
            fieldManager
          })
        );
      } catch (error) {
        this.rethrowClash(error);
        this.fail(error, 'create', 'configmaps', name);
      }
      this.createdConfigMaps.push(name);
    }
    let workflow: IWorkflowObject;
    try {
      workflow = (await this.custom.createNamespacedCustomObject({
        ...WORKFLOW_API,
        namespace: this.namespace,
        body: this.documents.workflow,
        fieldManager
      })) as IWorkflowObject;
    } catch (error) {
      this.rethrowClash(error);
      this.fail(
        error,
        'create',
        'workflows.argoproj.io',
        this.documents.workflow.metadata.name
      );
    }
    this.workflowCreated = true;
    for (const configMap of created) {
      await this.adopt(configMap, workflow);
    }
    return workflow;
  }

  private rethrowClash(error: unknown): void {
    if (isConflict(error)) {
      throw new NameClash();
    }
  }

  private async adopt(
    configMap: k8s.V1ConfigMap,
    workflow: IWorkflowObject
  ): Promise<void> {
    const name = configMap.metadata?.name as string;
    const owner: k8s.V1OwnerReference = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      name: workflow.metadata.name as string,
      uid: workflow.metadata.uid as string
    };
    try {
      await this.core.replaceNamespacedConfigMap({
        name,
        namespace: this.namespace,
        body: {
          ...configMap,
          metadata: { ...configMap.metadata, ownerReferences: [owner] }
        },
        fieldManager
      });
    } catch (error) {
      this.fail(error, 'update', 'configmaps', name);
    }
  }

  /** Deletes what this attempt created; returns what could not be deleted. */
  async rollBack(): Promise<string[]> {
    const left: string[] = [];
    if (this.workflowCreated) {
      const name = this.documents.workflow.metadata.name as string;
      try {
        await this.custom.deleteNamespacedCustomObject({
          ...WORKFLOW_API,
          namespace: this.namespace,
          name
        });
      } catch (error) {
        if (!isNotFound(error)) {
          left.push(`workflow/${name}`);
        }
      }
    }
    for (const name of this.createdConfigMaps) {
      try {
        await this.core.deleteNamespacedConfigMap({
          name,
          namespace: this.namespace
        });
      } catch (error) {
        if (!isNotFound(error)) {
          left.push(`configmap/${name}`);
        }
      }
    }
    return left;
  }
}

class NameClash extends Error {}

/** Submits under a fresh name (`<name>-<suffix>`), retrying on a clash; rolls back on failure. */
export async function submitWorkflow(
  connection: IKubeConnection,
  documents: IArgoDocuments,
  options: ISubmitOptions = {}
): Promise<ISubmitted> {
  const maxAttempts = options.maxAttempts ?? 4;
  await checkMountedClaims(connection, documents.workflow, options.notebook);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const named = nameSubmission(
      documents,
      connection.namespace,
      options.suffixes?.[attempt - 1]
    );
    const submission = new Submission(connection, named);
    try {
      const workflow = await submission.run();
      return {
        workflow,
        namespace: connection.namespace,
        name: workflow.metadata.name as string,
        attempts: attempt
      };
    } catch (error) {
      const left = await submission.rollBack();
      if (error instanceof NameClash && attempt < maxAttempts) {
        continue;
      }
      throw withLeftovers(error, left, connection.namespace);
    }
  }
  throw new UserError(
    `could not find a free Workflow name in namespace '${connection.namespace}' after ${maxAttempts} attempts`
  );
}

function withLeftovers(
  error: unknown,
  left: string[],
  namespace: string
): unknown {
  if (error instanceof NameClash) {
    return new UserError(
      `every Workflow name tried is taken in namespace '${namespace}'`
    );
  }
  if (!(error instanceof UserError)) {
    return error;
  }
  if (!left.length) {
    return new UserError(
      `${error.message} Nothing was left behind.`,
      error.location
    );
  }
  return new UserError(
    `${error.message} Could not roll back (${left.join(', ')} in namespace '${namespace}'); ` +
      `delete them with kubectl -n ${namespace} delete ${left.join(' ')}`,
    error.location
  );
}
