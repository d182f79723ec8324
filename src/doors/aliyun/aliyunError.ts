import { ALIYUN_DOOR_ERRORS, type AliyunDoorErrorCode } from './errorTable';

/**
 * A refusal the door decides itself, before or instead of the engine. `outcome` is what the
 * audit records: the engine code when the engine has one for it, otherwise the wire code.
 */
export class AliyunDoorError extends Error {
  override name = 'AliyunDoorError';
  readonly code: AliyunDoorErrorCode;
  readonly outcome: string;

  constructor(code: AliyunDoorErrorCode, message?: string, outcome?: string) {
    super(message ?? ALIYUN_DOOR_ERRORS[code].message);
    this.code = code;
    this.outcome = outcome ?? code;
  }
}

export function missingParameter(name: string): AliyunDoorError {
  return new AliyunDoorError(
    'MissingParameter',
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

export function invalidParameter(name: string, why: string): AliyunDoorError {
  return new AliyunDoorError('InvalidParameter', `The specified parameter "${name}" is not valid: ${why}`);
}
