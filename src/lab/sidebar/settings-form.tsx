/** The pipeline settings form; weakenings of Pod Security `restricted` are shown in red. */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { DEFAULT_SECURITY } from '../../core/settings/defaults';
import { ISecuritySettings, Target } from '../../core/settings/types';
import { CLASS } from './class-names';
import { overriddenKeys } from './lab-overrides';
import { ISettingsDraft, SettingsFormModel } from './settings-model';
import { VolumesFieldset } from './volumes-fieldset';

type TextKey = 'name' | 'description' | 'namespace' | 'experiment' | 'image';
type NumberKey = 'runAsUser' | 'runAsGroup' | 'fsGroup';
type FlagKey =
  | 'runAsNonRoot'
  | 'allowPrivilegeEscalation'
  | 'dropAllCapabilities'
  | 'readOnlyRootFilesystem'
  | 'automountServiceAccountToken';

/** Setting keys are shown as they are spelled in metadata, untranslated. */
const SECCOMP = 'seccompProfile';
const SECCOMP_PROFILES: ISecuritySettings['seccompProfile'][] = [
  'RuntimeDefault',
  'Unconfined'
];
const NUMBER_KEYS: NumberKey[] = ['runAsUser', 'runAsGroup', 'fsGroup'];
const FLAG_KEYS: FlagKey[] = [
  'runAsNonRoot',
  'allowPrivilegeEscalation',
  'dropAllCapabilities',
  'readOnlyRootFilesystem',
  'automountServiceAccountToken'
];

export interface ISettingsFormProps {
  model: SettingsFormModel;
  onSave: () => void;
  onDiscard: () => void;
  trans: TranslationBundle;
}

export function SettingsForm(props: ISettingsFormProps): JSX.Element {
  const { model, trans } = props;
  const draft = model.draft;
  const resolved = model.resolved.settings;
  const overridden = overriddenKeys(model.overrides);
  const labNote = (key: string) =>
    overridden.has(key) ? (
      <span
        className={CLASS.overridden}
        title={trans.__(
          'The lab settings set this; they win over the notebook.'
        )}
      >
        {trans.__('(lab setting)')}
      </span>
    ) : null;
  const security = (key: keyof ISecuritySettings) =>
    draft.security[key] ?? resolved?.security[key] ?? DEFAULT_SECURITY[key];

  const text = (key: TextKey, label: string, placeholder?: string) => (
    <label className={CLASS.field}>
      <span>
        {label} {labNote(key)}
      </span>
      <input
        className="jp-mod-styled"
        name={key}
        value={draft[key]}
        placeholder={placeholder ?? String(resolved?.[key] ?? '')}
        onChange={event =>
          model.edit({ [key]: event.target.value } as Partial<ISettingsDraft>)
        }
      />
    </label>
  );

  return (
    <form
      className={CLASS.settings}
      onSubmit={event => {
        event.preventDefault();
        props.onSave();
      }}
    >
      {text('name', trans.__('Name'))}
      {text('description', trans.__('Description'))}
      <label className={CLASS.field}>
        <span>
          {trans.__('Target')} {labNote('target')}
        </span>
        <select
          className="jp-mod-styled"
          name="target"
          value={draft.target}
          onChange={event =>
            model.edit({ target: event.target.value as Target | '' })
          }
        >
          <option value="">
            {trans.__('default (%1)', model.defaultTarget)}
          </option>
          <option value="local">{trans.__('local')}</option>
          <option value="argo">{trans.__('Argo Workflows')}</option>
          <option value="kfp">{trans.__('Kubeflow Pipelines')}</option>
        </select>
      </label>
      {text('namespace', trans.__('Namespace'), trans.__('from kubeconfig'))}
      {showsExperiment(model) &&
        text(
          'experiment',
          trans.__('Experiment'),
          trans.__('KFP default experiment')
        )}
      {text('image', trans.__('Image'))}
      <VolumesFieldset
        volumes={draft.volumes}
        note={labNote('volumes')}
        onChange={volumes => model.edit({ volumes })}
        trans={trans}
      />
      <fieldset>
        <legend>{trans.__('Security')}</legend>
        {NUMBER_KEYS.map(key => (
          <label key={key} className={CLASS.field}>
            <span>
              {key} {labNote(`security.${key}`)}
            </span>
            <input
              className="jp-mod-styled"
              type="number"
              min={0}
              name={key}
              value={String(security(key))}
              onChange={event => {
                const value = Number(event.target.value);
                if (event.target.value !== '' && Number.isInteger(value)) {
                  model.editSecurity(key, value);
                }
              }}
            />
          </label>
        ))}
        {FLAG_KEYS.map(key => (
          <label key={key} className={`${CLASS.field} jp-mod-flag`}>
            <input
              type="checkbox"
              name={key}
              checked={Boolean(security(key))}
              onChange={event => model.editSecurity(key, event.target.checked)}
            />
            <span>
              {key} {labNote(`security.${key}`)}
            </span>
          </label>
        ))}
        <label className={CLASS.field}>
          <span>
            {SECCOMP} {labNote(`security.${SECCOMP}`)}
          </span>
          <select
            className="jp-mod-styled"
            name="seccompProfile"
            value={String(security('seccompProfile'))}
            onChange={event =>
              model.editSecurity(
                'seccompProfile',
                event.target.value as ISecuritySettings['seccompProfile']
              )
            }
          >
            {SECCOMP_PROFILES.map(profile => (
              <option key={profile} value={profile}>
                {profile}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {model.resolved.weakenings.length > 0 && (
        <ul className={CLASS.weakening} aria-label={trans.__('weakenings')}>
          {model.resolved.weakenings.map(line => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {model.resolved.errors.map(problem => (
        <p key={problem} className={CLASS.error}>
          {problem}
        </p>
      ))}
      <div className={CLASS.toolbar}>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={!model.modified || model.resolved.errors.length > 0}
          title={trans.__(
            'Writes notebook metadata "cellpipe"; save the notebook to keep it'
          )}
        >
          {trans.__('Apply to notebook')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-mod-reject"
          disabled={!model.modified}
          onClick={props.onDiscard}
        >
          {trans.__('Discard')}
        </button>
      </div>
    </form>
  );
}

/**
 * The KFP experiment field is shown where a run goes to Kubeflow Pipelines, or where the notebook
 * names an experiment (so that it can be seen and cleared whatever the target).
 */
function showsExperiment(model: SettingsFormModel): boolean {
  const target =
    model.resolved.settings?.target ||
    model.draft.target ||
    model.defaultTarget;
  return (
    target === 'kfp' || model.namesExperiment || model.draft.experiment !== ''
  );
}
