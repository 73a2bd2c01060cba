/** The `analyze --json` summary of design §4, and its human-readable form. */
import { formatLocation } from '../errors';
import { IDiagnostic } from './diagnostic';
import { IPipelineIR } from './pipeline';
import { cellNumber } from '../cell-number';

export interface IAnalyzeSummary {
  pipeline: { name: string; description: string };
  parameters: {
    name: string;
    type: string;
    default: number | string | boolean;
  }[];
  steps: {
    name: string;
    cells: number[];
    after: string[];
    inputs: string[];
    outputs: string[];
  }[];
  diagnostics: Omit<IDiagnostic, never>[];
}

export function analyzeSummary(ir: IPipelineIR): IAnalyzeSummary {
  return {
    pipeline: { name: ir.pipeline.name, description: ir.pipeline.description },
    parameters: ir.parameters.map(p => ({
      name: p.name,
      type: p.type,
      default: p.default
    })),
    steps: ir.steps.map(s => ({
      name: s.name,
      cells: s.cells,
      after: s.after,
      inputs: s.inputs,
      outputs: s.outputs
    })),
    diagnostics: ir.diagnostics.map(d => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      cell: d.cell,
      line: d.line,
      column: d.column
    }))
  };
}

export function hasErrors(ir: IPipelineIR): boolean {
  return ir.diagnostics.some(d => d.severity === 'error');
}

/**
 * `titanic.ipynb, cell 6, line 3:9: warning undefined-name: ...`: cells and columns counted from
 * 1, as JupyterLab counts them ("Cell 6/20", "Ln 3, Col 9"); the IDiagnostic's column is 0-based.
 */
export function formatDiagnostic(notebook: string, d: IDiagnostic): string {
  const where =
    d.cell === null
      ? formatLocation({ notebook })
      : `${notebook}, cell ${cellNumber(d.cell)}, line ${d.line}:${d.column + 1}: `;
  return `${where}${d.severity} ${d.code}: ${d.message}`;
}

export function formatSummary(ir: IPipelineIR): string {
  const lines = [
    `pipeline ${ir.pipeline.name}${ir.pipeline.description ? ` — ${ir.pipeline.description}` : ''}`
  ];
  if (ir.parameters.length) {
    lines.push(
      'parameters: ' +
        ir.parameters
          .map(p => `${p.name}: ${p.type} = ${JSON.stringify(p.default)}`)
          .join(', ')
    );
  }
  const rows = ir.steps.map(s => [
    s.name,
    s.cells.map(cellNumber).join(','),
    s.after.join(', ') || '-',
    s.inputs.join(', ') || '-',
    s.outputs.join(', ') || '-'
  ]);
  lines.push(
    '',
    ...(rows.length
      ? table([['step', 'cells', 'after', 'inputs', 'outputs'], ...rows])
      : ['no steps'])
  );
  if (ir.metrics.length) {
    lines.push(
      '',
      'metrics: ' + ir.metrics.map(m => `${m.name} (from ${m.step})`).join(', ')
    );
  }
  if (ir.diagnostics.length) {
    lines.push(
      '',
      ...ir.diagnostics.map(d => formatDiagnostic(ir.notebook, d))
    );
  }
  return lines.join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows.map(r =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  );
}
