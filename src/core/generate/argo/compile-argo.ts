/** The Argo target (issue 3, point 3). Being written; see issue 3. */
import { UserError } from '../../errors';
import { IPipelineIR } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import { ICompiled } from '../compiled';

export function compileArgo(
  ir: IPipelineIR,
  settings: IPipelineSettings
): ICompiled {
  void settings;
  throw new UserError('the Argo target is not built yet', {
    notebook: ir.notebook
  });
}
