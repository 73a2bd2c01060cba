// Applies multi-document YAML files to the cluster of a kubeconfig (create, or replace what
// exists), and waits for conditions. scripts/cluster.sh uses it in place of kubectl, which we do
// not build.
//   node apply.mjs KUBECONFIG apply FILE...
//   node apply.mjs KUBECONFIG wait-node          (a Ready node)
//   node apply.mjs KUBECONFIG wait-crd NAME...   (Established CRDs)
//   node apply.mjs KUBECONFIG wait-sa NS NAME    (a service account exists)
//   node apply.mjs KUBECONFIG recycle-pvs PREFIX (delete Released static PVs; cluster.sh recreates them)
import { readFileSync } from 'node:fs';
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, command, ...rest] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function retry(what, fn, seconds = 120) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    try {
      const result = await fn();
      if (result !== false) return result;
    } catch (error) {
      if (Date.now() > until)
        throw new Error(`${what}: ${error.message ?? error}`);
    }
    if (Date.now() > until)
      throw new Error(`${what}: not ready after ${seconds}s`);
    await sleep(500);
  }
}

async function apply(files) {
  const api = k8s.KubernetesObjectApi.makeApiClient(kc);
  for (const file of files) {
    for (const doc of k8s.loadAllYaml(readFileSync(file, 'utf8'))) {
      if (!doc || !doc.kind) continue;
      await retry(`apply ${doc.kind} ${doc.metadata.name}`, async () => {
        try {
          const existing = await api.read({
            apiVersion: doc.apiVersion,
            kind: doc.kind,
            metadata: {
              name: doc.metadata.name,
              namespace: doc.metadata.namespace
            }
          });
          // A volume may be bound, a token Secret filled: keep them as they are.
          if (doc.kind === 'PersistentVolume' || doc.kind === 'Secret') return;
          doc.metadata.resourceVersion = existing.metadata.resourceVersion;
          await api.replace(doc);
        } catch (error) {
          if (error.code !== 404) throw error;
          await api.create(doc);
        }
      });
    }
  }
}

async function main() {
  if (command === 'apply') return apply(rest);
  if (command === 'wait-node') {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    return retry(
      'node Ready',
      async () => {
        const nodes = await core.listNode();
        return nodes.items.some(node =>
          node.status?.conditions?.some(
            c => c.type === 'Ready' && c.status === 'True'
          )
        );
      },
      300
    );
  }
  if (command === 'wait-crd') {
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    for (const name of rest) {
      await retry(`CRD ${name}`, async () => {
        const crd = await ext.readCustomResourceDefinition({ name });
        return crd.status?.conditions?.some(
          c => c.type === 'Established' && c.status === 'True'
        );
      });
    }
    return;
  }
  if (command === 'wait-sa') {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    return retry(`service account ${rest.join('/')}`, () =>
      core.readNamespacedServiceAccount({ namespace: rest[0], name: rest[1] })
    );
  }
  if (command === 'recycle-pvs') {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const pvs = await core.listPersistentVolume();
    for (const pv of pvs.items) {
      if (
        pv.metadata.name.startsWith(rest[0]) &&
        ['Released', 'Failed'].includes(pv.status?.phase)
      ) {
        await core.deletePersistentVolume({ name: pv.metadata.name });
        console.log(pv.metadata.name);
      }
    }
    return;
  }
  throw new Error(`unknown command ${command}`);
}

main().catch(error => {
  console.error(`apply.mjs: ${error.message ?? error}`);
  process.exit(1);
});
