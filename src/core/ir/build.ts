/** Builds the pipeline IR from a notebook and its cells' analyses (design §3.4–3.7). */
import { INotebook } from '../notebook/model';
import { readNotebookSettings } from '../notebook/settings';
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary } from '../analysis/cell-names';
import { IDiagnostic } from './diagnostic';
import {
  ICellCode,
  IPipelineIR,
  IPipelineMetric,
  IPipelineParameter,
  IPipelineStep
} from './pipeline';
import { ISegments, segmentCells } from './segment';
import { readParameters } from './parameters';
import { IMetricUse, readMetrics } from './metrics';
import {
  IGlobalContext,
  stepNames,
  transitiveFunctionReads
} from './step-names';
import { cellDiagnostics } from './cell-diagnostics';

export function buildPipeline(
  notebook: INotebook,
  analyze: (cell: number) => ICellAnalysis
): IPipelineIR {
  const analyses: (ICellAnalysis | undefined)[] = [];
  const analysisOf = (cell: number): ICellAnalysis =>
    (analyses[cell] ??= analyze(cell));
  const segments = segmentCells(notebook, analysisOf);
  const diagnostics: IDiagnostic[] = [...segments.diagnostics];
  const { settings, problems } = readNotebookSettings(notebook.metadata);
  problems.forEach(message =>
    diagnostics.push({
      severity: 'error',
      code: 'bad-setting',
      message,
      cell: null,
      line: 1,
      column: 0
    })
  );
  const code = (cell: number): ICellCode => ({
    cell,
    source: analysisOf(cell).python
  });

  const parameters: IPipelineParameter[] = [];
  for (const cell of segments.parameters) {
    const read = readParameters(cell, analysisOf(cell).python);
    parameters.push(...read.parameters);
    diagnostics.push(...read.diagnostics);
  }
  const context = globalContext(segments, parameters, analysisOf);
  const pipelineCells = [
    ...segments.imports,
    ...segments.functions,
    ...segments.steps.flatMap(s => s.cells)
  ];
  pipelineCells.forEach(cell =>
    diagnostics.push(...cellDiagnostics(cell, analysisOf(cell)))
  );
  const sharedPackages = [...segments.imports, ...segments.functions].flatMap(
    c => analysisOf(c).packages
  );

  const steps: IPipelineStep[] = [];
  const writesOf = new Map<string, Set<string>>();
  for (const block of segments.steps) {
    const names = stepNames(block.cells, analysisOf, context);
    const step: IPipelineStep = {
      name: block.name,
      cells: block.cells,
      after: [],
      inputs: [],
      outputs: [],
      // No prototype: a variable may be called __proto__.
      producers: Object.create(null) as Record<string, string>,
      prev: [...new Set(block.prev.map(p => p.name))],
      code: block.cells.map(code),
      packages: [
        ...new Set([
          ...sharedPackages,
          ...block.cells.flatMap(c => analysisOf(c).packages)
        ])
      ],
      settings: block.settings,
      metrics: []
    };
    for (const prev of block.prev) {
      if (!writesOf.has(prev.name)) {
        const later = segments.steps.some(s => s.name === prev.name);
        diagnostics.push({
          severity: 'error',
          code: 'unknown-prev',
          message: later
            ? `'prev:${prev.name}' names a step that comes later; a step can only run after steps above it`
            : `'prev:${prev.name}' names no step of this notebook`,
          cell: prev.cell,
          line: 1,
          column: 0
        });
      }
    }
    for (const read of names.reads) {
      const producer = latestWriter(steps, writesOf, read.name);
      if (!producer) {
        diagnostics.push({
          severity: 'warning',
          code: 'undefined-name',
          message: `'${read.name}' is read in step '${step.name}' but no earlier step, imports or functions cell defines it`,
          cell: read.cell,
          line: read.line,
          column: read.column
        });
        continue;
      }
      step.inputs.push(read.name);
      step.producers[read.name] = producer.name;
      if (!producer.outputs.includes(read.name)) {
        producer.outputs.push(read.name);
      }
    }
    const after = new Set([
      ...step.prev.filter(p => writesOf.has(p)),
      ...Object.values(step.producers)
    ]);
    step.after = [...after];
    steps.push(step);
    writesOf.set(step.name, names.writes);
  }

  const metrics = pipelineMetrics(
    segments,
    steps,
    writesOf,
    context,
    analysisOf,
    diagnostics
  );
  if (!segments.steps.length) {
    diagnostics.push({
      severity: 'error',
      code: 'empty-pipeline',
      message:
        'no cell is tagged as a step: tag the first cell of each step with step:NAME, or run `cellpipe tag NOTEBOOK --by-headings`',
      cell: null,
      line: 1,
      column: 0
    });
  }
  for (const step of steps) {
    step.after.sort();
    step.inputs.sort();
    step.outputs.sort();
    step.prev.sort();
  }
  const base = notebook.path.split(/[\\/]/).pop() ?? notebook.path;
  return {
    pipeline: {
      name:
        typeof settings.name === 'string' && settings.name
          ? settings.name
          : base.replace(/\.ipynb$/, ''),
      description:
        typeof settings.description === 'string' ? settings.description : ''
    },
    notebook: base,
    settings,
    parameters,
    metrics,
    imports: segments.imports.map(code),
    functions: segments.functions.map(code),
    steps,
    diagnostics: sortDiagnostics(dropUntaggedWhenEmpty(diagnostics, segments))
  };
}

function globalContext(
  segments: ISegments,
  parameters: IPipelineParameter[],
  analysisOf: (cell: number) => ICellAnalysis
): IGlobalContext {
  const available = new Set<string>(parameters.map(p => p.name));
  const functions = new Map<string, IFunctionSummary>();
  for (const cell of [...segments.imports, ...segments.functions]) {
    const names = analysisOf(cell).names;
    names.writes.forEach(n => available.add(n));
    Object.entries(names.functions).forEach(([name, summary]) =>
      functions.set(name, summary)
    );
  }
  return { available, functionReads: transitiveFunctionReads(functions) };
}

function latestWriter(
  steps: IPipelineStep[],
  writesOf: Map<string, Set<string>>,
  name: string
): IPipelineStep | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    if (writesOf.get(steps[i].name)!.has(name)) {
      return steps[i];
    }
  }
  return undefined;
}

function pipelineMetrics(
  segments: ISegments,
  steps: IPipelineStep[],
  writesOf: Map<string, Set<string>>,
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis,
  diagnostics: IDiagnostic[]
): IPipelineMetric[] {
  const metrics: IPipelineMetric[] = [];
  for (const cell of segments.metrics) {
    const read = readMetrics(cell, analysisOf(cell).python);
    diagnostics.push(...read.diagnostics);
    const before = steps.filter(s => s.cells[0] < cell);
    read.metrics.forEach((use: IMetricUse) => {
      const producer =
        latestWriter(before, writesOf, use.variable) ??
        (context.available.has(use.variable)
          ? before[before.length - 1]
          : undefined);
      if (!producer) {
        diagnostics.push({
          severity: 'warning',
          code: 'undefined-name',
          message: `metric '${use.variable}' is not defined by any step above the pipeline-metrics cell`,
          cell: use.cell,
          line: use.line,
          column: use.column
        });
        return;
      }
      if (!metrics.some(m => m.name === use.variable)) {
        metrics.push({
          name: use.variable,
          variable: use.variable,
          step: producer.name
        });
        producer.metrics.push(use.variable);
      }
    });
  }
  return metrics;
}

/** A notebook with no tags at all gets one `empty-pipeline` error, not one error per cell. */
function dropUntaggedWhenEmpty(
  diagnostics: IDiagnostic[],
  segments: ISegments
): IDiagnostic[] {
  const anyTagged =
    segments.steps.length +
      segments.imports.length +
      segments.functions.length >
      0 || segments.parameters.length + segments.metrics.length > 0;
  return anyTagged
    ? diagnostics
    : diagnostics.filter(d => d.code !== 'untagged-cell');
}

function sortDiagnostics(diagnostics: IDiagnostic[]): IDiagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.cell ?? -1) - (b.cell ?? -1) || a.line - b.line || a.column - b.column
  );
}
