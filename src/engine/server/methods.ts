/** The engine's methods, by name: the server routes of design §4 map one to one onto these. */
import {
  analyzeMethod,
  compileMethod,
  settingsMethod
} from './analysis-methods';
import {
  cancelRunMethod,
  getRunMethod,
  IEngineContext,
  listRunsMethod,
  notebookDeletedMethod,
  notebookRenamedMethod,
  readLogMethod,
  startRunMethod
} from './run-methods';

type Params = Record<string, unknown>;
export type EngineMethod = (context: IEngineContext, params: Params) => unknown;

export function engineMethods(version: string): Record<string, EngineMethod> {
  return {
    version: () => ({ version }),
    analyze: (context, params) => analyzeMethod(context, params),
    compile: (context, params) => compileMethod(context, params),
    settings: (context, params) => settingsMethod(context, params),
    startRun: startRunMethod,
    listRuns: listRunsMethod,
    getRun: getRunMethod,
    readLog: readLogMethod,
    cancelRun: cancelRunMethod,
    notebookRenamed: notebookRenamedMethod,
    notebookDeleted: notebookDeletedMethod
  };
}
