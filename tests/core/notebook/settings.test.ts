/** Notebook settings: `metadata.cellpipe`, else Kale's `metadata.kubeflow_notebook` (design §2). */
import { readNotebookSettings } from '../../../src/core/notebook/settings';

const kale = {
  pipeline_name: 'titanic-ml',
  pipeline_description: 'Predict survival',
  docker_image: 'registry.example.com/kale:1',
  experiment_name: 'titanic',
  volumes: [{ mount_point: '/data', name: 'data-pvc', type: 'pvc' }],
  steps_defaults: ['label:team:ml', 'limit:memory:2Gi', 'annotation:a:b']
};

describe('readNotebookSettings', () => {
  it("maps Kale's kubeflow_notebook onto cellpipe's names", () => {
    const read = readNotebookSettings({ kubeflow_notebook: kale });
    expect(read.source).toBe('kubeflow_notebook');
    expect(read.problems).toEqual([]);
    expect(read.settings).toEqual({
      name: 'titanic-ml',
      description: 'Predict survival',
      image: 'registry.example.com/kale:1',
      experiment: 'titanic',
      volumes: [{ claim: 'data-pvc', mountPath: '/data' }],
      stepDefaults: {
        limits: { memory: '2Gi' },
        requests: {},
        labels: { team: 'ml' },
        annotations: { a: 'b' }
      }
    });
  });

  it("mounts Kale's existing claims (type pvc) and drops, naming each, the volumes it would make", () => {
    const read = readNotebookSettings({
      kubeflow_notebook: {
        volumes: [
          { mount_point: '/home/jovyan/data/', name: 'data-pvc', type: 'pvc' },
          { mount_point: '/home/jovyan', name: 'workspace-x', type: 'clone' },
          { mount_point: '/scratch', name: 'scratch', type: 'new_pvc' },
          { mount_point: '/tmp/x', name: 'tmp-pvc', type: 'pvc' },
          { mount_point: '/ok', name: 'Not_A_Name', type: 'pvc' },
          'junk'
        ]
      }
    });
    expect(read.settings).toEqual({
      volumes: [{ claim: 'data-pvc', mountPath: '/home/jovyan/data' }]
    });
    const where = (index: number) =>
      `metadata.kubeflow_notebook.volumes[${index}]: `;
    expect(read.dropped).toEqual([
      where(1) +
        'volume "workspace-x" at "/home/jovyan" ("clone") is not mounted in any step: ' +
        "cellpipe mounts only existing claims (Kale's type pvc); steps pass data as artifacts",
      where(2) +
        'volume "scratch" at "/scratch" ("new_pvc") is not mounted in any step: ' +
        "cellpipe mounts only existing claims (Kale's type pvc); steps pass data as artifacts",
      where(3) +
        'volume "tmp-pvc" at "/tmp/x" ("pvc") is not mounted in any step: its mount_point ' +
        'must lie outside /tmp and /cellpipe, where cellpipe mounts its own volumes: "/tmp/x"',
      where(4) +
        'volume "Not_A_Name" at "/ok" ("pvc") is not mounted in any step: its name ' +
        '"Not_A_Name" is not a valid Kubernetes name (lower-case letters, digits and -, ' +
        'starting and ending with a letter or digit)',
      where(5) +
        'volume (unnamed) is not mounted in any step: cellpipe mounts only existing claims ' +
        "(Kale's type pvc); steps pass data as artifacts"
    ]);
  });

  it('prefers metadata.cellpipe and keeps it as it is', () => {
    const cellpipe = { name: 'mine', target: 'argo', namespace: 'ml' };
    const read = readNotebookSettings({ cellpipe, kubeflow_notebook: kale });
    expect(read.source).toBe('cellpipe');
    expect(read.settings).toEqual(cellpipe);
  });

  it('drops empty Kale values and takes the experiment from its object form', () => {
    const read = readNotebookSettings({
      kubeflow_notebook: {
        pipeline_name: '',
        docker_image: '  ',
        experiment: { id: 'new', name: 'exp-1' },
        volumes: []
      }
    });
    expect(read.settings).toEqual({ experiment: 'exp-1' });
  });

  it('reports bad steps_defaults tags', () => {
    const read = readNotebookSettings({
      kubeflow_notebook: { steps_defaults: ['limit:cpu:lots', 7] }
    });
    expect(read.problems).toEqual([
      expect.stringMatching(
        /^steps_defaults: 'lots' is not a Kubernetes quantity/
      )
    ]);
  });

  it('gives no settings for a notebook without either key', () => {
    expect(readNotebookSettings({ kernelspec: {} })).toEqual({
      settings: {},
      source: 'none',
      problems: [],
      dropped: []
    });
  });
});
