import type { EngineErrorCode } from '../../engine';
import type { EngineErrorTable, WireError } from '../wireError';

/** How the aliyun door shows each engine error. Codes and texts follow Alibaba's where Alibaba has one. */
export const ALIYUN_ENGINE_ERRORS: EngineErrorTable = {
  AUTHENTICATION_FAILED: {
    status: 400,
    code: 'SignatureDoesNotMatch',
    message: 'Specified signature is not matched with our calculation.',
    meaning: 'The request could not be authenticated with the access key it names.',
  },
  ACCOUNT_DISABLED: {
    status: 400,
    code: 'InvalidAccessKeyId.Inactive',
    message: 'Specified access key is disabled.',
    meaning: 'The access key belongs to an administrator whose account is disabled, so the key is refused.',
  },
  ACCOUNT_LOCKED: {
    status: 400,
    code: 'InvalidAccessKeyId.Inactive',
    message: 'Specified access key is disabled.',
    meaning: 'The account behind the access key is locked after repeated failed logons, so the key is refused.',
  },
  SESSION_INVALID: {
    status: 400,
    code: 'InvalidSecurityToken.Expired',
    message: 'Specified SecurityToken is expired.',
    meaning: 'A session the request relies on has expired or is unknown; signed access-key requests do not normally meet it.',
  },
  ACCESS_DENIED: {
    status: 403,
    code: 'NoPermission',
    message: 'You are not authorized to do this action. You should be authorized by RAM.',
    meaning:
      "The access key's policy does not allow this action on this user, or its owner is not an administrator; AccessDeniedDetail names the action and the resource as the request named it. A policy-restricted key gets this too for a user or directory that does not exist, unless its policy could reach it.",
  },
  USER_NOT_FOUND: {
    status: 404,
    code: 'EntityNotExists.User',
    message: 'The specified user does not exist.',
    meaning: 'No user has this OwnerId, or no user with this UserId exists in the named directory.',
  },
  DIRECTORY_NOT_FOUND: {
    status: 404,
    code: 'EntityNotExists.Directory',
    message: 'The specified directory does not exist.',
    meaning: 'The DirectoryId names no directory.',
  },
  USER_EXISTS: {
    status: 409,
    code: 'EntityAlreadyExists.User',
    message: 'The specified user already exists.',
    meaning: 'A user with this name or identifier already exists.',
  },
  DIRECTORY_EXISTS: {
    status: 409,
    code: 'EntityAlreadyExists.Directory',
    message: 'The specified directory already exists.',
    meaning: 'A directory with this id already exists.',
  },
  INVALID_ARGUMENT: {
    status: 400,
    code: 'InvalidParameter',
    message: 'The specified parameter is not valid.',
    meaning: 'The engine refused a value the request carries.',
  },
  SEAT_LIMIT_REACHED: {
    status: 200,
    code: '-116',
    message: 'Fail to modify Enduser status, Quota is less than 0.',
    meaning:
      "Enabling (Thaw) the user would exceed the directory's seat limit; as Alibaba does, the answer is HTTP 200 with Success false.",
  },
  LAST_ADMIN: {
    status: 400,
    code: 'OperationDenied.LastAdministrator',
    message: 'The last enabled administrator cannot be disabled.',
    meaning: 'Disabling this user would leave no enabled administrator, so the change is refused.',
  },
  NOT_HOSTED: {
    status: 400,
    code: 'NOT_ALLOW_CANCEL_TRUSTSHIP',
    message: 'Only supports setting to trusteeship. Only set to downtime hosting is supported',
    meaning: 'TrusteeshipCancel was asked for a user that is not under trusteeship.',
  },
  VERSION_CONFLICT: {
    status: 400,
    code: 'InvalidParameter',
    message: 'The specified parameter is not valid.',
    meaning: 'Never raised here (these APIs name no version); listed so that every engine error has a row.',
  },
  NONCE_REPLAYED: {
    status: 400,
    code: 'SignatureNonceUsed',
    message: 'Specified signature nonce was used already.',
    meaning: 'The signature nonce was already used within the time window: the request is a replay.',
  },
  KEY_NOT_FOUND: {
    status: 404,
    code: 'InvalidAccessKeyId.NotFound',
    message: 'Specified access key is not found.',
    meaning: 'The access key id is unknown or the key has been revoked.',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The request has failed due to a temporary failure of the server.',
    meaning: 'The database is unavailable; the request changed nothing and may be retried.',
  },
  INTERNAL: {
    status: 500,
    code: 'UndefinedError',
    message: 'The request processing has failed due to some unknown error.',
    meaning: 'An unexpected error occurred; details are in the server log under the RequestId, never in the answer.',
  },
};

/** Codes the aliyun door raises itself, before or around the engine. */
export const ALIYUN_DOOR_ERRORS = {
  SignatureDoesNotMatch: {
    status: 400,
    code: 'SignatureDoesNotMatch',
    message: 'Specified signature is not matched with our calculation.',
    meaning:
      "The request's V1 (HMAC-SHA1) or V3 (ACS3-HMAC-SHA256) signature, or its x-acs-content-sha256 body hash, does not match what the server computes with the key's secret.",
  },
  IncompleteSignature: {
    status: 400,
    code: 'IncompleteSignature',
    message: 'The request signature does not conform to Aliyun standards.',
    meaning:
      'The signature parameters or Authorization header are missing, malformed, use an unsupported method, or do not sign the headers that must be signed.',
  },
  'InvalidAccessKeyId.NotFound': {
    status: 404,
    code: 'InvalidAccessKeyId.NotFound',
    message: 'Specified access key is not found.',
    meaning: 'The access key id is unknown or the key has been revoked.',
  },
  'InvalidTimeStamp.Expired': {
    status: 400,
    code: 'InvalidTimeStamp.Expired',
    message: 'Specified time stamp or date value is expired.',
    meaning:
      'The Timestamp or x-acs-date is further from the server clock than the allowed skew (aliyunSignatureSkewSeconds, 15 minutes by default).',
  },
  'InvalidTimeStamp.Format': {
    status: 400,
    code: 'InvalidTimeStamp.Format',
    message: 'Specified time stamp or date value is not well formatted.',
    meaning: 'The Timestamp or x-acs-date is not of the form YYYY-MM-DDThh:mm:ssZ.',
  },
  SignatureNonceUsed: {
    status: 400,
    code: 'SignatureNonceUsed',
    message: 'Specified signature nonce was used already.',
    meaning: 'The signature nonce was already used within the time window, on this or any other instance: the request is a replay.',
  },
  MissingParameter: {
    status: 400,
    code: 'MissingParameter',
    message: 'The input parameter "{0}" that is mandatory for processing this request is not supplied.',
    meaning:
      'A mandatory common parameter (Action, Version, Timestamp, SignatureNonce, AccessKeyId) or a mandatory CloudSSO parameter is missing; {0} is its name.',
  },
  ParameterError: {
    status: 400,
    code: 'ParameterError',
    message: 'Missing the must parameter.',
    meaning:
      'A SetResellerUserStatus parameter (OwnerId, Status, BusinessType, StopMode) is missing, unknown, or Status and BusinessType do not belong together.',
  },
  InvalidParameter: {
    status: 400,
    code: 'InvalidParameter',
    message: 'The specified parameter "{0}" is not valid: {1}',
    meaning:
      'A parameter has a value the action does not accept (for example a NewStatus other than Enabled or Disabled), is badly percent-encoded, or is given twice; {0} names it and {1} says what is wrong.',
  },
  'InvalidAction.NotFound': {
    status: 404,
    code: 'InvalidAction.NotFound',
    message: 'Specified api is not found, please check your url and method.',
    meaning: 'The action and version are not one this endpoint serves: SetResellerUserStatus 2017-12-14 and UpdateUserStatus 2021-05-15.',
  },
  'InvalidSecurityToken.NotSupported': {
    status: 400,
    code: 'InvalidSecurityToken.NotSupported',
    message: 'Security tokens (STS) are not supported by this endpoint; sign with an access key.',
    meaning:
      'The request carries SecurityToken or x-acs-security-token; statusbridge does not implement STS, so such requests are refused rather than half-trusted.',
  },
  'QuotaExceeded.EnabledUsers': {
    status: 400,
    code: 'QuotaExceeded.EnabledUsers',
    message: "Enabling the user would exceed the directory's seat limit.",
    meaning:
      "UpdateUserStatus to Enabled would exceed the directory's seat limit; CloudSSO clients treat HTTP 200 as success, so unlike BSS's -116 this is an HTTP error.",
  },
  RequestEntityTooLarge: {
    status: 413,
    code: 'RequestEntityTooLarge',
    message: 'The request body is larger than this endpoint accepts.',
    meaning: 'The request body exceeds maxBodyBytes and was refused before parsing.',
  },
} satisfies Record<string, WireError>;

export type AliyunDoorErrorCode = keyof typeof ALIYUN_DOOR_ERRORS;

/**
 * CloudSSO-specific rendering of engine errors. BSS's -116 is an HTTP 200 answer that the
 * generic openapi clients return instead of throwing, which would let a CloudSSO caller
 * believe a refused enable had succeeded.
 */
export const CLOUDSSO_ENGINE_OVERRIDES: Partial<Record<EngineErrorCode, AliyunDoorErrorCode>> = {
  SEAT_LIMIT_REACHED: 'QuotaExceeded.EnabledUsers',
};
