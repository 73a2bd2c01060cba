/** `pipeline-metrics` cells: each `print(name)` line reports variable `name` as a metric. */
import { Tree } from '@lezer/common';
import { IDiagnostic } from './diagnostic';
import { topLevelStatements } from './top-level';

export interface IMetricUse {
  variable: string;
  cell: number;
  line: number;
  column: number;
}

export function readMetrics(
  cell: number,
  python: string,
  tree?: Tree
): { metrics: IMetricUse[]; diagnostics: IDiagnostic[] } {
  const metrics: IMetricUse[] = [];
  const diagnostics: IDiagnostic[] = [];
  const { statements, positions } = topLevelStatements(python, tree);
  for (const { node: s, line, column } of statements) {
    const call = s.name === 'ExpressionStatement' ? s.firstChild : null;
    const callee = call?.name === 'CallExpression' ? call.firstChild : null;
    const args = call?.getChild('ArgList');
    const argNodes = args ? args.getChildren('VariableName') : [];
    const onlyOne =
      args &&
      argNodes.length === 1 &&
      args.firstChild?.nextSibling?.from === argNodes[0].from;
    if (
      callee?.name === 'VariableName' &&
      python.slice(callee.from, callee.to) === 'print' &&
      onlyOne &&
      argNodes[0].nextSibling?.name === ')'
    ) {
      const variable = python.slice(argNodes[0].from, argNodes[0].to);
      if (!metrics.some(m => m.variable === variable)) {
        const at = positions.at(argNodes[0].from);
        metrics.push({ variable, cell, line: at.line, column: at.column });
      }
      continue;
    }
    diagnostics.push({
      severity: 'warning',
      code: 'bad-metric',
      message: `'${python.slice(s.from, s.to).split('\n')[0]}' is ignored: a pipeline-metrics cell reports metrics with lines like print(accuracy)`,
      cell,
      line,
      column
    });
  }
  return { metrics, diagnostics };
}
