import { ALIYUN_DOOR_ERRORS, ALIYUN_ENGINE_ERRORS, CLOUDSSO_ENGINE_OVERRIDES } from '../../src/doors/aliyun/errorTable';
import type { WireError } from '../../src/doors/wireError';
import { ENGINE_ERROR_CODES } from '../../src/engine';

const isSentence = (text: string): boolean => /^[A-Z`]/.test(text) && /[.]$/.test(text) && text.split(' ').length >= 5;

function expectWellFormed(row: WireError): void {
  expect(row.status).toBeGreaterThanOrEqual(200);
  expect(row.status).toBeLessThan(600);
  expect(row.code).toMatch(/^[-A-Za-z0-9_.]+$/);
  expect(row.message.length).toBeGreaterThan(0);
  expect([row.code, isSentence(row.meaning)]).toEqual([row.code, true]);
}

describe('the aliyun error tables', () => {
  test('every engine error maps to an Alibaba code, and nothing else is in the table', () => {
    expect(Object.keys(ALIYUN_ENGINE_ERRORS).sort()).toEqual([...ENGINE_ERROR_CODES].sort());
    for (const code of ENGINE_ERROR_CODES) expectWellFormed(ALIYUN_ENGINE_ERRORS[code]);
  });

  test('every door error is keyed by its own wire code', () => {
    for (const [key, row] of Object.entries(ALIYUN_DOOR_ERRORS)) {
      expect(row.code).toBe(key);
      expectWellFormed(row);
    }
  });

  test('the codes the issue names are there', () => {
    const doorCodes = Object.keys(ALIYUN_DOOR_ERRORS);
    for (const code of [
      'SignatureDoesNotMatch',
      'InvalidAccessKeyId.NotFound',
      'InvalidTimeStamp.Expired',
      'SignatureNonceUsed',
      'MissingParameter',
      'ParameterError',
      'InvalidParameter',
      'InvalidAction.NotFound',
      'InvalidSecurityToken.NotSupported',
    ]) {
      expect(doorCodes).toContain(code);
    }
    expect(ALIYUN_ENGINE_ERRORS.SEAT_LIMIT_REACHED).toEqual(expect.objectContaining({ status: 200, code: '-116' }));
    expect(ALIYUN_ENGINE_ERRORS.NOT_HOSTED.code).toBe('NOT_ALLOW_CANCEL_TRUSTSHIP');
    expect(ALIYUN_ENGINE_ERRORS.USER_NOT_FOUND.code).toBe('EntityNotExists.User');
    expect(ALIYUN_ENGINE_ERRORS.DIRECTORY_NOT_FOUND.code).toBe('EntityNotExists.Directory');
    expect(ALIYUN_ENGINE_ERRORS.INTERNAL).toEqual(expect.objectContaining({ status: 500, code: 'UndefinedError' }));
  });

  test('CloudSSO overrides name door errors that are HTTP errors', () => {
    for (const code of Object.values(CLOUDSSO_ENGINE_OVERRIDES)) {
      expect(ALIYUN_DOOR_ERRORS[code].status).toBeGreaterThanOrEqual(400);
    }
  });
});
