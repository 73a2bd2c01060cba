import {
  INotebookSettings,
  ISecuritySettings
} from '../../../src/core/settings/types';
import {
  labOverrides,
  overriddenKeys
} from '../../../src/lab/sidebar/lab-overrides';
import {
  draftFromSettings,
  mergeDraft,
  resolveDraft,
  SettingsFormModel
} from '../../../src/lab/sidebar/settings-model';
import { FakeNotebook } from './fake-notebook';
import { readNotebookSettings } from '../../../src/core/notebook/settings';

describe('settings form', () => {
  it('has no weakening with the defaults', () => {
    const resolved = resolveDraft('nb.ipynb', 'nb', draftFromSettings({}), {});
    expect(resolved.errors).toEqual([]);
    expect(resolved.weakenings).toEqual([]);
    expect(resolved.settings!.security.runAsUser).toBe(1000);
  });

  it.each([
    ['runAsNonRoot', false, 'runAsNonRoot is false'],
    ['runAsUser', 0, 'runAsUser is 0 (root)'],
    ['allowPrivilegeEscalation', true, 'allowPrivilegeEscalation is true'],
    ['dropAllCapabilities', false, 'keep Linux capabilities'],
    ['readOnlyRootFilesystem', false, 'readOnlyRootFilesystem is false'],
    ['seccompProfile', 'Unconfined', 'seccompProfile is Unconfined'],
    ['automountServiceAccountToken', true, 'steps get an API token']
  ] as [keyof ISecuritySettings, never, string][])(
    'shows setting %s to %j as a weakening',
    (key, value, words) => {
      const model = new SettingsFormModel();
      model.load('nb.ipynb', 'nb', {});
      model.editSecurity(key, value);
      expect(model.resolved.weakenings).toEqual([
        expect.stringContaining(words)
      ]);
    }
  );

  it('applies lab settings above the notebook, as a run does', () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', { image: 'python:3.12', target: 'argo' });
    model.setOverrides(labOverrides({ image: 'lab/image:1' }));
    expect(model.resolved.settings!.image).toBe('lab/image:1');
    expect(model.resolved.settings!.target).toBe('argo');
    model.setOverrides(labOverrides({ security: { runAsNonRoot: false } }));
    expect(model.resolved.weakenings).toHaveLength(1);
  });

  it('reports a bad value from the settings checks, naming the setting', () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {});
    model.edit({ namespace: 'Not_A_Namespace' });
    expect(model.resolved.errors[0]).toMatch(
      /^Pipeline settings: namespace "Not_A_Namespace" is not a valid/
    );
    expect(model.resolved.settings).toBeNull();
  });

  it("refuses '{{' in the name or description for a cluster target, as a cluster run would", () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {});
    model.edit({ name: 'My pipeline {{x}}', description: 'a {{b}}' });
    expect(model.resolved.errors).toEqual([]);
    model.edit({ target: 'argo' });
    expect(model.resolved.errors).toEqual([
      "Pipeline settings: name holds '{{', which Argo and Kubeflow Pipelines read as their own template syntax: remove the braces",
      "Pipeline settings: description holds '{{', which Argo and Kubeflow Pipelines read as their own template syntax: remove the braces"
    ]);
  });

  it('names every bad field at once, in the order of the form', () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {});
    model.edit({ image: 'has space', namespace: 'Not_A_Namespace' });
    expect(model.resolved.settings).toBeNull();
    expect(model.resolved.errors).toEqual([
      expect.stringMatching(/^Pipeline settings: namespace "Not_A_Namespace"/),
      expect.stringMatching(/^Pipeline settings: image/)
    ]);
    model.edit({ namespace: 'team-a' });
    expect(model.resolved.errors).toEqual([
      expect.stringMatching(/^Pipeline settings: image/)
    ]);
  });

  it("names a bad saved value and the form's own problems together", () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {
      stepDefaults: { retries: -2 }
    } as INotebookSettings);
    model.edit({ image: 'has space' });
    expect(model.resolved.errors).toEqual([
      expect.stringMatching(/^notebook metadata: stepDefaults\.retries/),
      expect.stringMatching(/^Pipeline settings: image/)
    ]);
  });

  it('names the notebook metadata when what the notebook saved is bad, not what the form shows', () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {
      stepDefaults: { retries: -2 }
    } as INotebookSettings);
    model.edit({ image: 'python:3.12' });
    expect(model.resolved.errors[0]).toMatch(
      /^notebook metadata: stepDefaults\.retries/
    );
  });

  it("names the form's own problem once the form's edit mends what the notebook saved", () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {
      namespace: 'Bad_Namespace'
    } as INotebookSettings);
    expect(model.resolved.errors[0]).toMatch(/^notebook metadata: namespace/);
    model.edit({ namespace: 'team-a', image: 'has space' });
    expect(model.resolved.errors[0]).toMatch(/^Pipeline settings: image/);
  });

  it('offers the default target as the lab setting or local, whatever the form picks', () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', { target: 'argo' });
    expect(model.defaultTarget).toBe('local');
    model.edit({ target: 'kfp' });
    expect(model.defaultTarget).toBe('local');
    expect(model.resolved.settings!.target).toBe('kfp');
    model.setOverrides(labOverrides({ target: 'argo' }));
    expect(model.defaultTarget).toBe('argo');
  });

  it('saves only metadata.cellpipe, keeping its other keys and all other metadata', () => {
    const notebook = new FakeNotebook({
      metadata: {
        kernelspec: { name: 'python3' },
        cellpipe: { name: 'old', stepDefaults: { retries: 2 } }
      },
      cells: []
    });
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', notebook.metadata.cellpipe as never);
    model.edit({ name: 'new-name', image: 'python:3.12', target: 'kfp' });
    model.editSecurity('runAsUser', 2000);
    model.editSecurity('runAsNonRoot', true);
    expect(model.modified).toBe(true);
    model.save(notebook);
    expect(notebook.metadata).toEqual({
      kernelspec: { name: 'python3' },
      cellpipe: {
        name: 'new-name',
        image: 'python:3.12',
        target: 'kfp',
        stepDefaults: { retries: 2 },
        security: { runAsUser: 2000 }
      }
    });
    expect(model.modified).toBe(false);
  });

  it("saving a Kale notebook's settings keeps what the form does not show, and writes nothing where there is nothing", () => {
    const kale = {
      pipeline_name: 'kale-demo',
      experiment_name: 'exp',
      steps_defaults: ['label:team:ds', 'limit:memory:1Gi']
    };
    const notebook = new FakeNotebook({
      metadata: { kubeflow_notebook: kale },
      cells: []
    });
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', { name: 'kale-demo', experiment: 'exp' });
    model.edit({ namespace: 'team-a' });
    model.save(notebook);
    expect(notebook.metadata).toEqual({
      kubeflow_notebook: kale,
      cellpipe: {
        name: 'kale-demo',
        namespace: 'team-a',
        experiment: 'exp',
        stepDefaults: {
          labels: { team: 'ds' },
          annotations: {},
          limits: { memory: '1Gi' },
          requests: {}
        }
      }
    });

    const plain = new FakeNotebook({ metadata: {}, cells: [] });
    model.load('nb.ipynb', 'nb', {});
    model.edit({ target: 'kfp' });
    model.edit({ target: '' });
    model.save(plain);
    expect(plain.metadata).toEqual({});
  });

  it("edits the KFP experiment: a Kale notebook's experiment_name shows, and the edit is what a run reads", () => {
    const notebook = new FakeNotebook({
      metadata: { kubeflow_notebook: { experiment_name: 'exp' } },
      cells: []
    });
    const model = new SettingsFormModel();
    model.load(
      'nb.ipynb',
      'nb',
      readNotebookSettings(notebook.metadata).settings
    );
    expect(model.draft.experiment).toBe('exp');
    expect(model.resolved.settings?.experiment).toBe('exp');
    model.edit({ experiment: '  churn q4 ' });
    expect(model.resolved.settings?.experiment).toBe('churn q4');
    model.save(notebook);
    expect(notebook.metadata.cellpipe).toEqual({ experiment: 'churn q4' });
    expect(readNotebookSettings(notebook.metadata).settings.experiment).toBe(
      'churn q4'
    );
    // Cleared, the key goes: runs go to KFP's default experiment.
    model.edit({ experiment: '' });
    model.save(notebook);
    expect(notebook.metadata.cellpipe).toEqual({});
  });

  it("resetting the last setting removes the notebook's cellpipe key, unless it hides Kale's", () => {
    const notebook = new FakeNotebook({
      metadata: {
        kernelspec: { name: 'python3' },
        cellpipe: { target: 'kfp' }
      },
      cells: []
    });
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', { target: 'kfp' });
    model.edit({ target: '' });
    model.save(notebook);
    expect(notebook.metadata).toEqual({ kernelspec: { name: 'python3' } });
  });

  it('clearing a field removes its key', () => {
    expect(
      mergeDraft(
        { description: 'old', namespace: 'team' },
        { ...draftFromSettings({}), description: '  ' }
      )
    ).toEqual({});
  });

  it('edits the volumes: rows as typed, saved trimmed, blank rows and false flags left out', () => {
    const notebook = new FakeNotebook({
      metadata: {
        cellpipe: {
          volumes: [{ claim: 'old', mountPath: '/old', readOnly: true }]
        }
      },
      cells: []
    });
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', notebook.metadata.cellpipe as never);
    expect(model.draft.volumes).toEqual([
      { claim: 'old', mountPath: '/old', subPath: '', readOnly: true }
    ]);
    model.edit({
      volumes: [
        {
          claim: ' team-data ',
          mountPath: '/data ',
          subPath: '',
          readOnly: false
        },
        { claim: '', mountPath: '', subPath: '', readOnly: true },
        {
          claim: 'scratch',
          mountPath: '/out',
          subPath: 'runs/a',
          readOnly: true
        }
      ]
    });
    expect(model.resolved.errors).toEqual([]);
    expect(model.resolved.settings!.volumes).toEqual([
      { claim: 'team-data', mountPath: '/data' },
      { claim: 'scratch', mountPath: '/out', subPath: 'runs/a', readOnly: true }
    ]);
    model.save(notebook);
    expect(notebook.metadata.cellpipe).toEqual({
      volumes: [
        { claim: 'team-data', mountPath: '/data' },
        {
          claim: 'scratch',
          mountPath: '/out',
          subPath: 'runs/a',
          readOnly: true
        }
      ]
    });
    model.edit({ volumes: [] });
    model.save(notebook);
    expect(notebook.metadata.cellpipe).toBeUndefined(); // nothing left to keep
  });

  it('reports a bad volume from the settings checks and keeps the row as typed', () => {
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {});
    const row = {
      claim: 'data',
      mountPath: 'data',
      subPath: '',
      readOnly: false
    };
    model.edit({ volumes: [row] });
    expect(model.resolved.settings).toBeNull();
    expect(model.resolved.errors).toEqual([
      'Pipeline settings: volumes[0].mountPath must be an absolute path such as /data, ' +
        'not / and without a trailing / or //: "data"'
    ]);
    expect(model.draft.volumes).toEqual([row]);
    model.edit({ volumes: [{ ...row, mountPath: '' }] });
    expect(model.resolved.errors[0]).toContain('volumes[0].mountPath must be');
  });

  it('keeps the user edits when the notebook re-analyses, not when it switches', () => {
    const model = new SettingsFormModel();
    model.load('a.ipynb', 'a', { image: 'one' });
    model.edit({ image: 'two' });
    model.load('a.ipynb', 'a', { image: 'one' });
    expect(model.draft.image).toBe('two');
    model.load('b.ipynb', 'b', { image: 'three' });
    expect(model.draft.image).toBe('three');
  });
});

describe('lab settings as overrides', () => {
  it('sends only what the user set, mapped to settings groups', () => {
    expect(labOverrides({})).toEqual({});
    expect(
      labOverrides({
        target: 'argo',
        namespace: '',
        argoUiUrl: 'https://argo.example',
        kfpEndpoint: 'https://kfp.example',
        kfpUiUrl: 'https://kfp-ui.example',
        localPython: '/usr/bin/python3',
        security: {},
        somethingElse: 1
      })
    ).toEqual({
      target: 'argo',
      argo: { uiUrl: 'https://argo.example' },
      kfp: { endpoint: 'https://kfp.example', uiUrl: 'https://kfp-ui.example' },
      python: '/usr/bin/python3'
    });
  });

  it('sends image pull secrets and volumes the user listed, not the empty lists the form saves', () => {
    const schema = require('../../../schema/plugin.json');
    expect(schema.properties.imagePullSecrets.default).toEqual([]);
    expect(schema.properties.volumes.default).toEqual([]);
    expect(labOverrides({ imagePullSecrets: [], volumes: [] })).toEqual({});
    const volumes = [{ claim: 'team-data', mountPath: '/data' }];
    const overrides = labOverrides({ imagePullSecrets: ['regcred'], volumes });
    expect(overrides).toEqual({ imagePullSecrets: ['regcred'], volumes });
    expect([...overriddenKeys(overrides)]).toEqual([
      'imagePullSecrets',
      'volumes'
    ]);
    // Above the notebook's own, as a run resolves them.
    const model = new SettingsFormModel();
    model.load('nb.ipynb', 'nb', {
      volumes: [{ claim: 'mine', mountPath: '/mine' }]
    });
    model.setOverrides(overrides);
    expect(model.resolved.settings!.volumes).toEqual(volumes);
    expect(model.resolved.settings!.imagePullSecrets).toEqual(['regcred']);
  });

  it('the default security block the Settings Editor form saves is not an override', () => {
    const schema = require('../../../schema/plugin.json');
    const saved = { ...schema.properties.security.default };
    expect(labOverrides({ target: 'kfp', security: saved })).toEqual({
      target: 'kfp'
    });
    expect(
      labOverrides({ security: { ...saved, runAsUser: 2000 } }).security
    ).toEqual({ ...saved, runAsUser: 2000 });
  });

  it('names the fields the lab settings override', () => {
    expect([
      ...overriddenKeys(
        labOverrides({ image: 'x', security: { runAsUser: 5 } })
      )
    ]).toEqual(['image', 'security', 'security.runAsUser']);
  });
});
