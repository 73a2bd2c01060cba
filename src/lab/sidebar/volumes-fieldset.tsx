/** The settings form's volumes: existing claims mounted in every step of a cluster run. */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { CLASS } from './class-names';
import { IVolumeDraft } from './settings-model';
import { blankVolume } from './volume-drafts';

type TextKey = 'claim' | 'mountPath' | 'subPath';

export interface IVolumesFieldsetProps {
  volumes: IVolumeDraft[];
  /** Beside the legend: "(lab setting)" when the lab settings' volumes win over these. */
  note: JSX.Element | null;
  onChange: (volumes: IVolumeDraft[]) => void;
  trans: TranslationBundle;
}

export function VolumesFieldset(props: IVolumesFieldsetProps): JSX.Element {
  const { volumes, note, onChange, trans } = props;
  const change = (index: number, edit: Partial<IVolumeDraft>) =>
    onChange(
      volumes.map((volume, at) =>
        at === index ? { ...volume, ...edit } : volume
      )
    );
  const text = (
    index: number,
    key: TextKey,
    label: string,
    placeholder: string
  ) => (
    <label className={CLASS.field}>
      <span>{label}</span>
      <input
        className="jp-mod-styled"
        name={`volumes.${index}.${key}`}
        value={volumes[index][key]}
        placeholder={placeholder}
        onChange={event => change(index, { [key]: event.target.value })}
      />
    </label>
  );
  return (
    <fieldset className={CLASS.volumes}>
      <legend>
        {trans.__('Volumes')} {note}
      </legend>
      <p className={CLASS.hint}>
        {trans.__(
          'Existing PersistentVolumeClaims of the namespace, mounted in every step of Argo and KFP runs.'
        )}
      </p>
      {volumes.map((volume, index) => (
        <div
          key={index}
          className={CLASS.volume}
          aria-label={trans.__('volume %1', index + 1)}
        >
          {text(index, 'claim', trans.__('Claim'), 'team-data')}
          {text(index, 'mountPath', trans.__('Mount path'), '/data')}
          {text(
            index,
            'subPath',
            trans.__('Sub path (optional)'),
            trans.__('the whole volume')
          )}
          <label className={`${CLASS.field} jp-mod-flag`}>
            <input
              type="checkbox"
              name={`volumes.${index}.readOnly`}
              checked={volume.readOnly}
              onChange={event =>
                change(index, { readOnly: event.target.checked })
              }
            />
            <span>{trans.__('read-only (Argo)')}</span>
          </label>
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => onChange(volumes.filter((_, at) => at !== index))}
          >
            {trans.__('Remove volume')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => onChange([...volumes, blankVolume()])}
      >
        {trans.__('Add volume')}
      </button>
    </fieldset>
  );
}
