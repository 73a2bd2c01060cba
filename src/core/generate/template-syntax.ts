/**
 * Design §5: no template syntax from users reaches an orchestrator. Argo substitutes `{{…}}` (and
 * evaluates `{{=…}}`) in every field of a Workflow; the KFP launcher replaces `{{$…}}` in command
 * and args. Step code travels packed (packed-script.ts). User text that stays readable in the
 * documents (parameter defaults and run values, names, descriptions, annotations, images…) may
 * not hold `{{`: it is refused with the notebook and cell. A last pass over the finished
 * documents allows only the generators' own placeholders.
 */
import { IErrorLocation, UserError } from '../errors';
import { IPipelineIR } from '../ir/pipeline';
import { CompileTarget } from './compiled';

const OPENER = '{{';

/** The placeholders each generator writes itself; names are checked identifiers. */
const OWN_PLACEHOLDERS: Record<CompileTarget, RegExp> = {
  argo: /\{\{(?:workflow\.parameters\.[A-Za-z_][A-Za-z0-9_]*|inputs\.parameters\.step|tasks\.[a-z0-9-]+\.outputs\.artifacts\.[A-Za-z_][A-Za-z0-9_]*)\}\}/g,
  kfp: /\{\{\$(?:\.(?:inputs|outputs)\.artifacts\['[A-Za-z_][A-Za-z0-9_]*'\]\.path|\.inputs\.parameters\['[A-Za-z_][A-Za-z0-9_]*'\])?\}\}/g
};

const ENGINE: Record<CompileTarget, string> = {
  argo: 'Argo substitutes {{…}} in every field of a Workflow',
  kfp: 'the KFP launcher replaces {{$…}} placeholders'
};

/** True when `text` holds template syntax an orchestrator could act on. */
export function holdsTemplateSyntax(text: string): boolean {
  return text.includes(OPENER);
}

/** Refuses user text holding `{{`, naming what it is and where it came from. */
export function refuseTemplateSyntax(
  text: string,
  what: string,
  location: IErrorLocation
): void {
  if (holdsTemplateSyntax(text)) {
    throw new UserError(
      `${what} holds '{{', which Argo and Kubeflow Pipelines read as their own template ` +
        'syntax; cellpipe does not pass it to a cluster (design §5): remove the braces',
      location
    );
  }
}

/** The user text of the IR that stays readable in cluster documents. */
export function checkPipelineText(ir: IPipelineIR): void {
  const notebook = ir.notebook;
  refuseTemplateSyntax(ir.pipeline.name, 'the pipeline name', { notebook });
  if (ir.pipeline.description) {
    refuseTemplateSyntax(ir.pipeline.description, 'the pipeline description', {
      notebook
    });
  }
  for (const parameter of ir.parameters) {
    if (typeof parameter.default === 'string') {
      refuseTemplateSyntax(
        parameter.default,
        `the default of parameter '${parameter.name}'`,
        { notebook, cell: parameter.cell, line: parameter.line }
      );
    }
  }
}

function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      yield* strings(value[i], `${path}[${i}]`);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield [`${path}.${key} (key)`, key];
      yield* strings(item, `${path}.${key}`);
    }
  }
}

/**
 * The last pass: every string (keys included) of the documents an orchestrator reads holds no
 * `{{` but the generator's own placeholders.
 */
export function assertOnlyOwnPlaceholders(
  documents: unknown[],
  target: CompileTarget,
  notebook: string
): void {
  documents.forEach((document, index) => {
    for (const [path, text] of strings(document, `document ${index + 1}`)) {
      if (
        holdsTemplateSyntax(text) &&
        holdsTemplateSyntax(text.replace(OWN_PLACEHOLDERS[target], ''))
      ) {
        throw new UserError(
          `${path} would hold '{{' (from the notebook's name or settings), and ${ENGINE[target]}; ` +
            'cellpipe does not pass template syntax to a cluster (design §5): remove the braces',
          { notebook }
        );
      }
    }
  });
}
