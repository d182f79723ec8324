import Ajv, { type ValidateFunction } from 'ajv';
import { HuaweiDoorError } from './errorTable';

/** One ajv for the door's schemas; strict, so a typo in a schema fails at start, not on a request. */
export const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });

/** The value typed by its schema, or BAD_PARAMETER naming the first field at fault. */
export function validOrThrow<T>(validate: ValidateFunction<T>, value: unknown): T {
  if (validate(value)) return value;
  const first = validate.errors?.[0];
  const field = first ? first.instancePath.replace(/^\//, '') || String(first.params.missingProperty ?? '') : '';
  throw new HuaweiDoorError('BAD_PARAMETER', field || undefined);
}
