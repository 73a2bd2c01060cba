/**
 * In-memory notebooks built from hostile pieces: a pipeline-parameters cell, then a chain of
 * steps (the second reads what the first wrote, so data passes), each with its own tags.
 * Parameter values are written as Python literals that escape everything outside printable
 * ASCII (or, when `rawUnicode` is set, keep non-ASCII text as is), independently of the
 * project's own serializers.
 */
import {
  ParameterType,
  ParameterValue
} from '../../../../src/core/ir/pipeline';

export interface IHostileParameter {
  name: string;
  type: ParameterType;
  value: ParameterValue;
}

export interface IHostileStep {
  name: string;
  /** Extra tags of the step's first cell: `image:`, `label:`, `annotation:`. */
  tags: string[];
}

export interface IHostileNotebookSpec {
  parameters: IHostileParameter[];
  steps: IHostileStep[];
  /** metadata.cellpipe; omitted when undefined. */
  settings?: Record<string, unknown>;
  rawUnicode?: boolean;
}

export function hostileNotebook(spec: IHostileNotebookSpec): object {
  const cells: object[] = [
    code(['imports'], 'import math\n'),
    code(
      ['pipeline-parameters'],
      spec.parameters
        .map(p => `${p.name} = ${pythonLiteral(p, spec.rawUnicode)}`)
        .join('\n') + '\n'
    )
  ];
  spec.steps.forEach((step, index) => {
    const uses = spec.parameters.map(p => p.name).join(', ');
    const source =
      index === 0
        ? `value_0 = [${uses}]\nprint(len(value_0))\n`
        : `value_${index} = value_${index - 1} + [math.pi]\n`;
    cells.push(code([`step:${step.name}`, ...step.tags], source));
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: spec.settings ? { cellpipe: spec.settings } : {},
    cells
  };
}

function code(tags: string[], source: string): object {
  return {
    cell_type: 'code',
    metadata: { tags },
    source,
    outputs: [],
    execution_count: null
  };
}

export function pythonLiteral(
  { type, value }: Omit<IHostileParameter, 'name'>,
  rawUnicode = false
): string {
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`${value} has no Python literal`);
    }
    return type === 'int' ? String(value) : floatText(value);
  }
  let out = '"';
  for (const char of value) {
    const point = char.codePointAt(0)!;
    if (char === '"' || char === '\\') {
      out += '\\' + char;
    } else if (point >= 0x20 && point < 0x7f) {
      out += char;
    } else if (
      rawUnicode &&
      point > 0xa0 &&
      !isSurrogate(point) &&
      !isLineBreak(point)
    ) {
      out += char;
    } else if (point <= 0xff) {
      out += '\\x' + hex(point, 2);
    } else if (point <= 0xffff) {
      out += '\\u' + hex(point, 4);
    } else {
      out += '\\U' + hex(point, 8);
    }
  }
  return out + '"';
}

/** A float literal Python reads back as the same double (`1e+21` and `0.1` are both fine). */
function floatText(value: number): string {
  const text = String(value);
  return /[.e]/i.test(text) ? text : text + '.0';
}

function isSurrogate(point: number): boolean {
  return point >= 0xd800 && point <= 0xdfff;
}

/** Characters Python's tokenizer would treat as ending a line inside source text. */
function isLineBreak(point: number): boolean {
  return [0x85, 0x2028, 0x2029, 0xfeff].includes(point);
}

function hex(point: number, width: number): string {
  return point.toString(16).padStart(width, '0');
}
