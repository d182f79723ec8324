import { fillPlaceholders } from '../fillPlaceholders';
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
  return new AliyunDoorError('MissingParameter', fillPlaceholders(ALIYUN_DOOR_ERRORS.MissingParameter.message, name));
}

export function invalidParameter(name: string, why: string): AliyunDoorError {
  return new AliyunDoorError('InvalidParameter', fillPlaceholders(ALIYUN_DOOR_ERRORS.InvalidParameter.message, name, why));
}
