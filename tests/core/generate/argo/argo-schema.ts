/** Validates Workflows against Argo's own JSON schema (v4.1.2, draft 2020-12) with ajv. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';

const SCHEMA = resolve(
  process.env.CELLPIPE_SCHEMAS ??
    resolve(__dirname, '../../../../../shared/schemas'),
  'argo-v4.1.2/schema.json'
);
let validator: ValidateFunction | undefined;

export function workflowValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateFormats: false
    });
    ajv.addSchema(JSON.parse(readFileSync(SCHEMA, 'utf8')), 'argo');
    validator = ajv.getSchema(
      'argo#/definitions/io.argoproj.workflow.v1alpha1.Workflow'
    ) as ValidateFunction;
  }
  return validator;
}

/** The schema's complaints about `workflow`, empty when it is valid. */
export function schemaErrors(workflow: unknown): string[] {
  const validate = workflowValidator();
  return validate(workflow)
    ? []
    : (validate.errors ?? []).map(
        e => `${e.instancePath || '/'} ${e.message ?? ''}`
      );
}
