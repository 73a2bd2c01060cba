/**
 * The connection to a cluster: the kubeconfig (KUBECONFIG or ~/.kube/config) or, inside a
 * pod, the in-cluster configuration; and the namespace to submit to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { UserError } from '../../core/errors';
import { ReusingKubeConfig } from './reused-connections';

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

/** The kubeconfig files to read: the option, else KUBECONFIG's list, else ~/.kube/config. */
function kubeconfigPaths(options: IConnectOptions): string[] {
  if (options.kubeconfig) {
    return [options.kubeconfig];
  }
  const listed = (process.env.KUBECONFIG ?? '')
    .split(delimiter)
    .filter(path => path !== '');
  return listed.length ? listed : [join(homedir(), '.kube', 'config')];
}

function inPod(): boolean {
  return (
    !!process.env.KUBERNETES_SERVICE_HOST &&
    existsSync(`${serviceAccountDir}/token`)
  );
}

/** The line a YAML error points at, never the text there (it may be a token or a key). */
function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(message);
  return line ? ` (near line ${line[1]})` : '';
}

/** A readable, non-empty, parseable kubeconfig, or a UserError naming it and never its content. */
function checkKubeconfig(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read the kubeconfig ${path}`);
  }
  if (text.trim() === '') {
    throw new UserError(
      `the kubeconfig ${path} is empty: point KUBECONFIG at your cluster's kubeconfig`
    );
  }
  try {
    new k8s.KubeConfig().loadFromString(text);
  } catch (error) {
    throw new UserError(
      `the kubeconfig ${path} is not a valid kubeconfig${errorLine(error)}; ` +
        'check it with `kubectl config view`'
    );
  }
}

/** Files the current user's credentials name must be readable before any request is made. */
function checkUserFiles(config: k8s.KubeConfig, paths: string[]): void {
  const user = config.getCurrentUser();
  const files: [string | undefined, string][] = [
    [user?.certFile, 'client certificate'],
    [user?.keyFile, 'client key']
  ];
  for (const [file, what] of files) {
    if (file && !existsSync(file)) {
      throw new UserError(
        `the kubeconfig ${paths.join(delimiter)} names the ${what} file ${file} ` +
          `for user '${user?.name ?? ''}', which does not exist`
      );
    }
  }
}

function loadConfig(options: IConnectOptions): k8s.KubeConfig {
  const config = new ReusingKubeConfig();
  const paths = kubeconfigPaths(options);
  const present = paths.filter(path => existsSync(path));
  if (!present.length) {
    if (!options.kubeconfig && inPod()) {
      config.loadFromCluster();
      return config;
    }
    throw new UserError(
      `no Kubernetes configuration: ${paths.join(delimiter)} does not exist and this is not a ` +
        "pod with a service account. Set KUBECONFIG to your cluster's kubeconfig file, or " +
        'run the lab inside the cluster'
    );
  }
  present.forEach(checkKubeconfig);
  try {
    if (options.kubeconfig) {
      config.loadFromFile(options.kubeconfig);
    } else {
      config.loadFromDefault();
    }
  } catch (error) {
    throw new UserError(
      `cannot load the kubeconfig ${present.join(delimiter)}${errorLine(error)}`
    );
  }
  if (!config.getCurrentCluster()) {
    throw new UserError(
      `the kubeconfig ${present.join(delimiter)} has no current cluster: set its ` +
        'current-context (`kubectl config use-context NAME`)'
    );
  }
  checkUserFiles(config, present);
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
 * The notebook pod's own connection when the engine runs inside one (the lab's server or the CLI
 * in a notebook pod, for the pod's image); undefined elsewhere, or when no configuration loads.
 */
export function inClusterConnection(): IKubeConnection | undefined {
  try {
    const connection = connect({});
    return connection.inCluster ? connection : undefined;
  } catch {
    return undefined;
  }
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
