/**
 * Size of cellpipe's emitted documents for a synthetic chain of N steps, the same chain Kale is
 * measured on (bench/kale/kale_sizes.py): step i is one cell `x_i = x_{i-1} + 1` tagged
 * `step:s_i` and `prev:s_{i-1}`. Prints JSON rows per N: total YAML bytes and per step for the
 * Argo output (and the Workflow alone as the apiserver stores it, compact JSON, which is what the
 * size budget and etcd's limit apply to; and how many ConfigMaps the code moved into) and the KFP
 * output (PipelineSpec and platform document), with the in-process compile time.
 */
import { performance } from 'node:perf_hooks';
import { analyzeNotebook } from '../../src/core/analyze';
import { compile } from '../../src/core/generate/compile';
import { CompileTarget } from '../../src/core/generate/compiled';
import { initPythonParserFromFiles } from '../../src/engine/python-parser';

function chainNotebook(steps: number): object {
  const cells = Array.from({ length: steps }, (_, i) => ({
    cell_type: 'code',
    metadata: { tags: i ? [`step:s_${i}`, `prev:s_${i - 1}`] : ['step:s_0'] },
    source: i ? `x_${i} = x_${i - 1} + 1` : 'x_0 = 0',
    outputs: [],
    execution_count: null
  }));
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { cellpipe: { name: `chain-${steps}` } },
    cells
  };
}

function measure(steps: number, target: CompileTarget) {
  const ir = analyzeNotebook(chainNotebook(steps), `chain-${steps}.ipynb`);
  const started = performance.now();
  const compiled = compile(ir, target);
  const seconds = (performance.now() - started) / 1000;
  const bytes = Buffer.byteLength(compiled.text);
  const documents = compiled.documents.map(doc => ({
    kind: String(doc.kind ?? (doc.platforms ? 'Platform' : 'PipelineSpec')),
    bytes: Buffer.byteLength(JSON.stringify(doc))
  }));
  return { bytes, bytesPerStep: bytes / steps, seconds, documents };
}

async function main(): Promise<void> {
  // The analyzer's parser (WebAssembly) loads once, asynchronously.
  await initPythonParserFromFiles();
  const sizes = process.argv.slice(2).map(Number);
  const rows = sizes.map(steps => {
    const argo = measure(steps, 'argo');
    const kfp = measure(steps, 'kfp');
    const workflow = argo.documents.filter(d => d.kind === 'Workflow');
    return {
      steps,
      argo: {
        ...argo,
        workflowBytes: workflow.reduce((sum, d) => sum + d.bytes, 0),
        configMaps: argo.documents.filter(d => d.kind === 'ConfigMap').length
      },
      kfp
    };
  });
  process.stdout.write(JSON.stringify(rows, null, 1) + '\n');
}

void main();
