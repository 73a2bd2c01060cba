/**
 * Checks a template before it is used: every `{{ ... }}` must end in a serializing filter, so a
 * value can never be spliced into YAML or Python raw. Literal template text is layout and passes.
 */
import nunjucks from 'nunjucks';
import { SERIALIZING_FILTERS } from './index';

interface ITemplateNode {
  typename: string;
  lineno: number;
  colno: number;
  name?: { value?: unknown };
  children?: ITemplateNode[];
  findAll(type: unknown, results?: ITemplateNode[]): ITemplateNode[];
}

/** The parts of nunjucks' parser API that @types/nunjucks does not describe. */
interface INunjucksInternals {
  parser: {
    parse(
      source: string,
      extensions?: unknown[],
      options?: object
    ): ITemplateNode;
  };
  nodes: { Output: unknown };
}

const internals = nunjucks as unknown as INunjucksInternals;

function isSerialized(node: ITemplateNode): boolean {
  if (node.typename === 'TemplateData') {
    return true;
  }
  return (
    node.typename === 'Filter' &&
    typeof node.name?.value === 'string' &&
    Object.prototype.hasOwnProperty.call(SERIALIZING_FILTERS, node.name.value)
  );
}

/** The problems in `source`, as `NAME line L: ...` messages; empty when the template is clean. */
export function findUnserializedOutputs(
  name: string,
  source: string,
  options: object
): string[] {
  const root = internals.parser.parse(source, [], options);
  const problems: string[] = [];
  for (const output of root.findAll(internals.nodes.Output)) {
    for (const child of output.children ?? []) {
      if (!isSerialized(child)) {
        problems.push(
          `${name} line ${child.lineno + 1}: output must end in a serializing filter ` +
            `(${Object.keys(SERIALIZING_FILTERS).join(', ')})`
        );
      }
    }
  }
  return problems;
}
