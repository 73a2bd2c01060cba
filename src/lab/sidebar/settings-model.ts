/**
 * The pipeline settings form: a draft of `metadata.cellpipe` (name, description, target,
 * namespace, experiment, image, volumes, security), its resolved values and weakenings, and
 * saving it back into the notebook model's metadata (which marks the notebook dirty; the user
 * saves the file).
 */
import { ISignal, Signal } from '@lumino/signaling';
import { DEFAULT_SECURITY, DEFAULT_TARGET } from '../../core/settings/defaults';
import { resolveSettings } from '../../core/settings/resolve';
import { IPipelineSettings } from '../../core/settings/resolved';
import { securityWeakenings } from '../../core/settings/security';
import {
  INotebookSettings,
  ISecuritySettings,
  Target
} from '../../core/settings/types';
import { volumeDrafts, volumeSettings } from './volume-drafts';
import { readNotebookSettings } from '../../core/notebook/settings';
import { SettingsOverrides } from '../api/routes';

export const METADATA_KEY = 'cellpipe';
/** Kale's settings key, read where `cellpipe` is missing (design §2). */
const KALE_METADATA_KEY = 'kubeflow_notebook';

/** The fields the form edits. */
export interface ISettingsDraft {
  name: string;
  description: string;
  /** '' = not set in the notebook (the default or the lab setting applies). */
  target: Target | '';
  namespace: string;
  /** The KFP experiment, by name. */
  experiment: string;
  image: string;
  /** The claims mounted in every step, as typed (checked when resolved). */
  volumes: IVolumeDraft[];
  /** Only the security keys the notebook sets. */
  security: Partial<ISecuritySettings>;
}

/** One row of the form's volumes: '' = not given. */
export interface IVolumeDraft {
  claim: string;
  mountPath: string;
  subPath: string;
  readOnly: boolean;
}

/** The notebook model's metadata API (JupyterLab's INotebookModel has it). */
export interface IMetadataHolder {
  getMetadata(key: string): unknown;
  setMetadata(key: string, value: unknown): void;
  deleteMetadata(key: string): void;
}

const TEXT_FIELDS = [
  'name',
  'description',
  'namespace',
  'experiment',
  'image'
] as const;

export function draftFromSettings(settings: INotebookSettings): ISettingsDraft {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const target = settings.target;
  return {
    name: text(settings.name),
    description: text(settings.description),
    target:
      target === 'local' || target === 'argo' || target === 'kfp' ? target : '',
    namespace: text(settings.namespace),
    experiment: text(settings.experiment),
    image: text(settings.image),
    volumes: volumeDrafts(settings.volumes),
    security: { ...(settings.security ?? {}) }
  };
}

/** `existing` (metadata.cellpipe as it is) with the draft's fields written over it. */
export function mergeDraft(
  existing: Record<string, unknown>,
  draft: ISettingsDraft
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...existing };
  for (const key of TEXT_FIELDS) {
    const value = draft[key].trim();
    if (value) {
      merged[key] = value;
    } else {
      delete merged[key];
    }
  }
  if (draft.target) {
    merged.target = draft.target;
  } else {
    delete merged.target;
  }
  const volumes = volumeSettings(draft.volumes);
  if (volumes.length) {
    merged.volumes = volumes;
  } else {
    delete merged.volumes;
  }
  const security = Object.fromEntries(
    Object.entries(draft.security).filter(
      ([key, value]) =>
        value !== undefined &&
        value !== DEFAULT_SECURITY[key as keyof ISecuritySettings]
    )
  );
  if (Object.keys(security).length) {
    merged.security = security;
  } else {
    delete merged.security;
  }
  return merged;
}

export interface IResolvedDraft {
  settings: IPipelineSettings | null;
  /** Ways the resolved security falls short of Pod Security `restricted`. */
  weakenings: string[];
  /** The bad values (from resolveSettings' checks), each once: none when it resolves. */
  errors: string[];
}

/** Resolves the draft as a run would: defaults < draft (notebook) < lab overrides. */
export function resolveDraft(
  notebook: string,
  fallbackName: string,
  draft: ISettingsDraft,
  overrides: SettingsOverrides,
  base: INotebookSettings = {}
): IResolvedDraft {
  const resolve = (settings: INotebookSettings, layer: string) =>
    resolveSettings(
      {
        notebook,
        pipeline: {
          name: settings.name ?? fallbackName,
          description: settings.description ?? ''
        },
        settings
      },
      overrides,
      layer
    );
  try {
    const resolved = resolve(
      mergeDraft(base, draft) as INotebookSettings,
      FORM_LAYER
    );
    return {
      settings: resolved,
      weakenings: securityWeakenings(resolved.security),
      errors: templateProblems(resolved)
    };
  } catch (error) {
    // The settings checks stop at the first problem: what the notebook saved in fields the form
    // does not show (step defaults, tolerations…) and each field of the form are checked on
    // their own, so that every bad value is named at once. A field the form shows as the
    // notebook saved it is named as the notebook metadata, an edited one as the form.
    const loaded = draftFromSettings(base);
    const hidden = savedProblem(() =>
      resolve(mergeDraft(base, EMPTY_DRAFT) as INotebookSettings, SAVED_LAYER)
    );
    const own = FORM_FIELDS.map(field =>
      savedProblem(() =>
        resolve(
          mergeDraft(
            {},
            {
              ...EMPTY_DRAFT,
              [field]: draft[field]
            }
          ) as INotebookSettings,
          JSON.stringify(draft[field]) === JSON.stringify(loaded[field])
            ? SAVED_LAYER
            : FORM_LAYER
        )
      )
    );
    const errors = [
      ...new Set(
        [hidden, ...own].filter(
          (problem): problem is string => problem !== null
        )
      )
    ];
    return {
      settings: null,
      weakenings: [],
      errors: errors.length ? errors : [message(error)]
    };
  }
}

/**
 * A cluster run refuses a name or description holding '{{' (design §5): said in the form, as it
 * is typed, not first when the run is submitted.
 */
function templateProblems(settings: IPipelineSettings): string[] {
  if (settings.target === 'local') {
    return [];
  }
  return (['name', 'description'] as const)
    .filter(key => settings[key].includes('{{'))
    .map(
      key =>
        `${FORM_LAYER}: ${key} holds '{{', which Argo and Kubeflow Pipelines read as their ` +
        'own template syntax: remove the braces'
    );
}

/** The form's fields, in its order. */
const FORM_FIELDS = [
  'name',
  'description',
  'target',
  'namespace',
  'experiment',
  'image',
  'volumes',
  'security'
] as const;
const EMPTY_DRAFT = draftFromSettings({});

/** The form's fields, as the user reads them above the errors. */
const FORM_LAYER = 'Pipeline settings';
/** What the notebook holds that the form does not show (step defaults, tolerations…). */
const SAVED_LAYER = 'notebook metadata';

/** The problem of the notebook's saved settings alone, or null when they resolve. */
function savedProblem(resolveSaved: () => unknown): string | null {
  try {
    resolveSaved();
    return null;
  } catch (error) {
    return message(error);
  }
}

function message(error: unknown): string {
  return (error as Error).message;
}

export class SettingsFormModel {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get draft(): ISettingsDraft {
    return this._draft;
  }

  /** True when the draft differs from what the notebook holds. */
  get modified(): boolean {
    return this._modified;
  }

  get resolved(): IResolvedDraft {
    return this._resolved;
  }

  get overrides(): SettingsOverrides {
    return this._overrides;
  }

  /** True when the notebook's settings, as loaded, name a KFP experiment. */
  get namesExperiment(): boolean {
    return (
      typeof this._base.experiment === 'string' && this._base.experiment !== ''
    );
  }

  /** The target a run takes when the form leaves Target empty: the lab's, else the built-in. */
  get defaultTarget(): Target {
    return this._overrides.target ?? DEFAULT_TARGET;
  }

  /** Loads the notebook's own settings (unless the user is editing them). */
  load(notebook: string, fallbackName: string, settings: INotebookSettings) {
    const switched = notebook !== this._notebook;
    this._notebook = notebook;
    this._fallbackName = fallbackName;
    this._base = settings;
    if (switched || !this._modified) {
      this._draft = draftFromSettings(settings);
      this._modified = false;
    }
    this.update();
  }

  setOverrides(overrides: SettingsOverrides): void {
    this._overrides = overrides;
    this.update();
  }

  edit(change: Partial<ISettingsDraft>): void {
    this._draft = { ...this._draft, ...change };
    this._modified = true;
    this.update();
  }

  editSecurity<K extends keyof ISecuritySettings>(
    key: K,
    value: ISecuritySettings[K]
  ): void {
    this.edit({ security: { ...this._draft.security, [key]: value } });
  }

  /**
   * Writes the draft into `metadata.cellpipe`, leaving every other key as it was. Where the
   * notebook has no `cellpipe` key yet, its settings came from Kale's `kubeflow_notebook`: those
   * the form does not show (`steps_defaults`) are written too, since the new key
   * hides Kale's. Nothing is written where there is nothing to write, and a `cellpipe` key
   * left empty goes, unless it hides Kale's settings (the notebook reads as it did before any
   * edit: `{}` left behind would be noise in its diffs).
   */
  save(holder: IMetadataHolder): void {
    // As a run reads them: `cellpipe` where it is a key of its own, else Kale's, else none.
    const { settings, source } = readNotebookSettings({
      [METADATA_KEY]: holder.getMetadata(METADATA_KEY),
      [KALE_METADATA_KEY]: holder.getMetadata(KALE_METADATA_KEY)
    });
    const merged = mergeDraft(settings, this._draft);
    const empty = Object.keys(merged).length === 0;
    if (!empty) {
      holder.setMetadata(METADATA_KEY, merged);
    } else if (source === 'cellpipe') {
      if (holder.getMetadata(KALE_METADATA_KEY) === undefined) {
        holder.deleteMetadata(METADATA_KEY);
      } else {
        holder.setMetadata(METADATA_KEY, merged); // still hides Kale's
      }
    }
    this._modified = false;
    this._changed.emit();
  }

  /** Drops the user's edits (the next load shows the notebook's settings again). */
  discard(settings: INotebookSettings): void {
    this._modified = false;
    this.load(this._notebook, this._fallbackName, settings);
  }

  private update(): void {
    this._resolved = resolveDraft(
      this._notebook,
      this._fallbackName,
      this._draft,
      this._overrides,
      this._base
    );
    this._changed.emit();
  }

  private _notebook = '';
  private _fallbackName = 'pipeline';
  private _draft: ISettingsDraft = draftFromSettings({});
  private _modified = false;
  private _base: INotebookSettings = {};
  private _overrides: SettingsOverrides = {};
  private _resolved: IResolvedDraft = {
    settings: null,
    weakenings: [],
    errors: []
  };
  private readonly _changed = new Signal<this, void>(this);
}
