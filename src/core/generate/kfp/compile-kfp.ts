/** The KFP v2 target (issue 3, point 4). Being written; see issue 3. */
import { UserError } from '../../errors';
import { IPipelineIR } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import { ICompiled } from '../compiled';

export function compileKfp(
  ir: IPipelineIR,
  settings: IPipelineSettings
): ICompiled {
  void settings;
  throw new UserError('the KFP target is not built yet', {
    notebook: ir.notebook
  });
}
