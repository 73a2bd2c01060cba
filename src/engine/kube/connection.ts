/**
 * The connection to a cluster: the kubeconfig (KUBECONFIG or ~/.kube/config) or, inside a
 * pod, the in-cluster configuration; and the namespace to submit to.
 */
import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';
import { UserError } from '../../core/errors';

const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface IKubeConnection {
  config: k8s.KubeConfig;
  /** The apiserver's URL, for messages. */
  server: string;
  /** Where the namespace came from: `setting`, `kubeconfig`, `service account` or `default`. */
  namespaceSource: string;
  namespace: string;
  inCluster: boolean;
}

export interface IConnectOptions {
  /** From the `--namespace` flag or the notebook's settings. */
  namespace?: string;
  /** For tests: a kubeconfig file instead of the default lookup. */
  kubeconfig?: string;
  /** For tests: where the service account's files are. */
  serviceAccountDir?: string;
}

function readServiceAccountNamespace(dir: string): string | undefined {
  try {
    return readFileSync(`${dir}/namespace`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The namespace: the setting, then the kubeconfig context's, then the pod's service account's. */
export function resolveNamespace(
  setting: string | undefined,
  contextNamespace: string | undefined,
  serviceAccountNamespace: string | undefined
): { namespace: string; source: string } {
  if (setting) {
    return { namespace: setting, source: 'setting' };
  }
  if (contextNamespace) {
    return { namespace: contextNamespace, source: 'kubeconfig' };
  }
  if (serviceAccountNamespace) {
    return { namespace: serviceAccountNamespace, source: 'service account' };
  }
  return { namespace: 'default', source: 'default' };
}

function loadConfig(options: IConnectOptions): k8s.KubeConfig {
  const config = new k8s.KubeConfig();
  try {
    if (options.kubeconfig) {
      config.loadFromFile(options.kubeconfig);
    } else {
      // KUBECONFIG, else ~/.kube/config, else the in-cluster service account.
      config.loadFromDefault();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(
      `cannot load the Kubernetes configuration: ${reason}. ` +
        'Set KUBECONFIG to a kubeconfig file, or run inside a pod with a service account.'
    );
  }
  if (!config.getCurrentCluster()) {
    throw new UserError(
      'no Kubernetes cluster configured: set KUBECONFIG, or run inside a pod with a service account'
    );
  }
  return config;
}

export function connect(options: IConnectOptions = {}): IKubeConnection {
  const config = loadConfig(options);
  const cluster = config.getCurrentCluster();
  const context = config.getContextObject(config.getCurrentContext());
  const inCluster = context?.name === 'inClusterContext';
  const resolved = resolveNamespace(
    options.namespace,
    inCluster ? undefined : context?.namespace,
    readServiceAccountNamespace(options.serviceAccountDir ?? serviceAccountDir)
  );
  return {
    config,
    server: cluster?.server ?? '(unknown server)',
    namespace: resolved.namespace,
    namespaceSource: resolved.source,
    inCluster
  };
}

/**
 * Inside a notebook pod: the image of the pod's own (first) container, read through the API,
 * so steps run where the notebook ran. Undefined outside a pod or when it cannot be read.
 */
export async function notebookPodImage(
  connection: IKubeConnection,
  env: NodeJS.ProcessEnv = process.env
): Promise<string | undefined> {
  const podName = env.HOSTNAME;
  if (!connection.inCluster || !podName) {
    return undefined;
  }
  try {
    const api = connection.config.makeApiClient(k8s.CoreV1Api);
    const pod = await api.readNamespacedPod({
      name: podName,
      namespace: connection.namespace
    });
    const containers = pod.spec?.containers ?? [];
    const own =
      containers.find(c => c.name === env.NB_PREFIX?.split('/').pop()) ??
      containers[0];
    return own?.image;
  } catch {
    return undefined;
  }
}
