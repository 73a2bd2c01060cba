/**
 * Issue 14, finding 14: Kale's `metadata.kubeflow_notebook.volumes` were dropped without a word.
 * Now a Kale volume of type `pvc` (an existing claim) is mounted in every step, as the `volumes`
 * setting mounts it, and each other volume (made or copied when Kale's run starts) is named by
 * every way of compiling: a warning diagnostic in the analysis, a warning on stderr from
 * `cellpipe compile` naming the notebook, and a warning in the engine's compile reply (what the
 * lab shows).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNotebook } from '../../src/core/analyze';
import { handleRequest } from '../../src/engine/server/serve';
import { cellpipe } from '../support/cli';

function kaleNotebook(volumes: unknown): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kubeflow_notebook: {
        pipeline_name: 'with-volumes',
        volumes
      }
    },
    cells: [
      {
        cell_type: 'code',
        execution_count: null,
        metadata: { tags: ['step:load'] },
        outputs: [],
        source: "data = open('/data/input.csv').read()"
      }
    ]
  };
}

const VOLUMES = [
  {
    mount_point: '/data',
    name: 'data-pvc',
    type: 'pvc',
    size: 1,
    size_type: 'Gi'
  },
  { mount_point: '/home/jovyan', name: 'workspace', type: 'clone' }
];

const DROPPED =
  'metadata.kubeflow_notebook.volumes[1]: volume "workspace" at "/home/jovyan" ("clone") ' +
  'is not mounted in any step';

describe('Kale volumes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellpipe-kale-volumes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are a warning diagnostic naming each volume', () => {
    const ir = analyzeNotebook(kaleNotebook(VOLUMES), 'kale.ipynb');
    const dropped = ir.diagnostics.filter(d => d.code === 'dropped-setting');
    expect(dropped).toHaveLength(1);
    expect(dropped[0].severity).toBe('warning');
    expect(dropped[0].message).toContain(DROPPED);
  });

  it('are not a warning when there are none', () => {
    for (const volumes of [[], undefined]) {
      const ir = analyzeNotebook(kaleNotebook(volumes), 'kale.ipynb');
      expect(ir.diagnostics.map(d => d.code)).not.toContain('dropped-setting');
    }
  });

  it.each(['argo', 'kfp'])(
    'cellpipe compile --target %s warns on stderr, naming the notebook',
    target => {
      const path = join(dir, 'kale.ipynb');
      writeFileSync(path, JSON.stringify(kaleNotebook(VOLUMES)));
      const result = cellpipe(['compile', path, '--target', target]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(`cellpipe: warning: ${path}: ${DROPPED}`);
      expect(result.stderr).not.toContain('data-pvc');
      // The existing claim is mounted at its mount point.
      expect(result.stdout).toContain(
        target === 'argo'
          ? '{"name":"volume-1","persistentVolumeClaim":{"claimName":"data-pvc"}}'
          : '"pvcMount":[{"constant":"data-pvc","mountPath":"/data",'
      );
    }
  );

  it("are in the engine's compile warnings, with the notebook's name", async () => {
    writeFileSync(
      join(dir, 'kale.ipynb'),
      JSON.stringify(kaleNotebook(VOLUMES))
    );
    const reply = await handleRequest({ root: dir, entry: '' }, 'test', {
      id: 1,
      method: 'compile',
      params: { path: 'kale.ipynb', target: 'kfp' }
    });
    expect('result' in reply && reply.result).toMatchObject({
      warnings: expect.arrayContaining([
        expect.stringContaining(`kale.ipynb: ${DROPPED}`)
      ])
    });
  });
});
