/**
 * Compiles an IR for both targets, parses the emitted YAML TEXT back (what a cluster would
 * read, not the generator's objects) and reads back what the user gave: parameter defaults,
 * pod labels and annotations (through the pod models of tests/security), images, and the
 * Python scripts embedded in the documents.
 */
import { inflateSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import {
  compile,
  COMPILE_TARGETS
} from '../../../../src/core/generate/compile';
import { CompileTarget } from '../../../../src/core/generate/compiled';
import { IPipelineIR } from '../../../../src/core/ir/pipeline';
import { ISettingsOverrides } from '../../../../src/core/settings/resolved';
import { argoPods } from '../../../security/argo-pods';
import { kfpPods } from '../../../security/kfp-pods';
import { IPod } from '../../../security/psa-checker';
import {
  IObject,
  isObject,
  listAt,
  objectAt
} from '../../../security/object-access';

export interface IReadBack {
  target: CompileTarget;
  documents: IObject[];
  pods: IPod[];
  /** Parameter name → default as the document states it. */
  defaults: Map<string, unknown>;
}

/** Throws with the YAML parser's own message if the text is not clean YAML. */
export function parseYaml(text: string, what: string): IObject[] {
  const documents = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const problems = list.flatMap(doc => [...doc.errors, ...doc.warnings]);
  if (problems.length) {
    throw new Error(
      `${what}: YAML does not parse cleanly: ${problems[0].message}`
    );
  }
  return list.map(doc => objectAt(doc.toJS({ maxAliasCount: -1 }), what));
}

export function compileAndReadBack(
  ir: IPipelineIR,
  overrides: ISettingsOverrides = {}
): IReadBack[] {
  return COMPILE_TARGETS.map(target => {
    const documents = parseYaml(compile(ir, target, overrides).text, target);
    return {
      target,
      documents,
      pods: target === 'argo' ? argoPods(documents) : kfpPods(documents),
      defaults:
        target === 'argo' ? argoDefaults(documents) : kfpDefaults(documents)
    };
  });
}

function argoDefaults(documents: IObject[]): Map<string, unknown> {
  const workflow = documents.find(doc => doc.kind === 'Workflow')!;
  const args = objectAt(
    objectAt(workflow.spec, 'spec').arguments,
    'spec.arguments'
  );
  return new Map(
    listAt(args.parameters, 'spec.arguments.parameters').map(p => [
      p.name as string,
      p.value
    ])
  );
}

function kfpDefaults(documents: IObject[]): Map<string, unknown> {
  const pipeline = documents.find(doc => doc.root !== undefined)!;
  const inputs = objectAt(
    objectAt(pipeline.root, 'root').inputDefinitions,
    'root.inputDefinitions'
  );
  const parameters = objectAt(
    inputs.parameters,
    'root.inputDefinitions.parameters'
  );
  return new Map(
    Object.entries(parameters).map(([name, spec]) => [
      name,
      objectAt(spec, name).defaultValue
    ])
  );
}

/** Every pod label and annotation across the pods, as [key, value] pairs. */
export function podMetadata(
  pods: IPod[],
  kind: 'labels' | 'annotations'
): [string, string][] {
  return pods.flatMap(pod => Object.entries(pod.metadata[kind] ?? {}));
}

export function podImages(pods: IPod[]): string[] {
  return pods.flatMap(pod =>
    listAt(pod.spec.containers, 'containers')
      .filter(container => container.name === 'main')
      .map(container => String(container.image))
  );
}

/** Strings in the documents that hold Python step code (found by the step script's marker). */
const PACKED_BLOB = /b64decode\('([A-Za-z0-9+/=]+)'\)/;

export function embeddedScripts(
  documents: IObject[],
  marker: string
): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      // Step code travels packed in a `python3 -c` command (design §5).
      const packed = PACKED_BLOB.exec(value);
      const text = packed
        ? inflateSync(Buffer.from(packed[1], 'base64')).toString('utf8')
        : value;
      if (text.includes(marker)) {
        found.push(text);
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (isObject(value)) {
      Object.values(value).forEach(visit);
    }
  };
  documents.forEach(visit);
  return found;
}
