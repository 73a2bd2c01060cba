// Shared by the cluster tests: the bundled engine, the CLI, fixture Workflows.
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/lib/node-bundle.mjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { binariesPresent } from './harness.mjs';

export const root = resolve(import.meta.dirname, '../..');

/** The engine functions under test, bundled as the product bundles them. */
export async function loadEngine() {
  const outdir = join(root, '.cache/cluster-tests');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'engine.cjs');
  await build({
    entryPoints: [join(root, 'tests/cluster/engine-entry.ts')],
    outfile,
    ...nodeBundleOptions
  });
  const engine = createRequire(import.meta.url)(outfile);
  // The analyzer's parser (WebAssembly) loads asynchronously, once, before any analysis.
  await engine.initPythonParserFromFiles();
  return engine;
}

/** Runs `node bin/cellpipe.js ARGS` with `env` added; returns { status, stdout, stderr }. */
export function cellpipe(args, env = {}) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin/cellpipe.js'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 120000
    }
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr
  };
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Skips LOUDLY when the control plane was not built (CI fails instead: test.d/60-cluster.sh). */
export function skipReason() {
  if (binariesPresent()) {
    return false;
  }
  const message =
    'CLUSTER TESTS SKIPPED: kube-apiserver/kine are not built. Run bash scripts/setup.d/30-kube.sh';
  process.stderr.write(
    `\n${'!'.repeat(message.length)}\n${message}\n${'!'.repeat(message.length)}\n\n`
  );
  return message;
}

/** A small hand-written Workflow with one ConfigMap holding step code, like compiled output. */
export function fixtureDocuments(name = 'demo') {
  const security = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true
  };
  const step = task => ({
    name: task,
    container: {
      image: 'python:3.11-slim',
      command: ['python', '/cellpipe/code/step.py'],
      env: [{ name: 'HOME', value: '/tmp' }],
      securityContext: security,
      volumeMounts: [
        { name: 'code', mountPath: '/cellpipe/code' },
        { name: 'tmp', mountPath: '/tmp' }
      ]
    }
  });
  return {
    configMaps: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${name}-code` },
        data: { 'step.py': 'print("hello")\n' }
      }
    ],
    workflow: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name, labels: { 'cellpipe.dev/pipeline': name } },
      spec: {
        entrypoint: 'main',
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 100,
          fsGroup: 100,
          seccompProfile: { type: 'RuntimeDefault' }
        },
        volumes: [
          { name: 'code', configMap: { name: `${name}-code` } },
          { name: 'tmp', emptyDir: {} }
        ],
        templates: [
          {
            name: 'main',
            dag: {
              tasks: [
                { name: 'load', template: 'load' },
                { name: 'train', template: 'train', dependencies: ['load'] }
              ]
            }
          },
          step('load'),
          step('train')
        ]
      }
    }
  };
}
