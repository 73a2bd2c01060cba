// What the cluster tests call directly, bundled by esbuild exactly as the product's engine is
// (client-node is ESM-only; Jest's CommonJS transform cannot load it, the bundle can).
export {
  connect,
  notebookPodImage,
  resolveNamespace
} from '../../src/engine/kube/connection';
export { CoreV1Api } from '@kubernetes/client-node';
export { compileForCluster } from '../../src/engine/kube/compile-for-cluster';
export { submitWorkflow } from '../../src/engine/kube/argo-submit';
export { nameSubmission } from '../../src/engine/kube/argo-documents';
export { parseArgoDocuments } from '../../src/engine/kube/argo-documents-file';
export { WorkflowWatcher } from '../../src/engine/kube/argo-watch';
export { terminateWorkflow } from '../../src/engine/kube/argo-cancel';
export { applyWorkflowStatus } from '../../src/engine/kube/argo-status';
// The corpus compiled by the real generators, and the pods each document would create.
export { corpusNotebooks } from '../security/corpus-irs';
export { compile } from '../../src/core/generate/compile';
export { argoPods } from '../security/argo-pods';
export { kfpPods } from '../security/kfp-pods';
// For bench/submit: synthetic notebooks of N steps.
export { syntheticNotebook } from '../support/synthetic-notebook';
export { analyzeNotebook } from '../../src/core/analyze';
export { initPythonParserFromFiles } from '../../src/engine/python-parser';
