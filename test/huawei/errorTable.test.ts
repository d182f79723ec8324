import { ENGINE_ERROR_CODES } from '../../src/engine';
import { HUAWEI_DOOR_ERRORS, HUAWEI_ENGINE_ERRORS } from '../../src/doors/huawei/errorTable';
import { HUAWEI_MESSAGES } from '../../src/doors/huawei/messages';

const allRows = () => [...Object.values(HUAWEI_ENGINE_ERRORS), ...Object.values(HUAWEI_DOOR_ERRORS)];

describe('huawei door: error catalogue', () => {
  it('has a row for every engine error, and no row for a code the engine does not have', () => {
    expect(Object.keys(HUAWEI_ENGINE_ERRORS).sort()).toEqual([...ENGINE_ERROR_CODES].sort());
  });

  it('keeps Huawei’s public codes', () => {
    expect(HUAWEI_ENGINE_ERRORS.SESSION_INVALID).toMatchObject({ status: 401, code: 'USG.000000004' });
    expect(HUAWEI_ENGINE_ERRORS.USER_NOT_FOUND).toMatchObject({ status: 400, code: 'USG.201040000' });
    expect(HUAWEI_ENGINE_ERRORS.ACCOUNT_DISABLED.status).toBe(412);
    expect(HUAWEI_ENGINE_ERRORS.ACCOUNT_LOCKED.status).toBe(423);
    expect(HUAWEI_ENGINE_ERRORS.ACCESS_DENIED.status).toBe(403);
    expect(HUAWEI_ENGINE_ERRORS.STORE_UNAVAILABLE.status).toBe(503);
    expect(HUAWEI_ENGINE_ERRORS.INTERNAL.status).toBe(500);
  });

  it('gives every row a USG code, an HTTP error status, the English text of the message table and a sentence of meaning', () => {
    for (const row of allRows()) {
      expect(row.code).toMatch(/^USG\.\d{9}$/);
      expect(row.status).toBeGreaterThanOrEqual(400);
      expect(row.status).toBeLessThan(600);
      expect(row.message).toBe(HUAWEI_MESSAGES[row.code]['en-US']);
      expect(row.meaning).toMatch(/^[A-Z].{15,}\.$/);
    }
  });

  it('lets the door’s own codes clash with no engine code, and leaves no message unused', () => {
    const doorCodes = Object.values(HUAWEI_DOOR_ERRORS).map((r) => r.code);
    const engineCodes = new Set(Object.values(HUAWEI_ENGINE_ERRORS).map((r) => r.code));
    expect(doorCodes.filter((code) => engineCodes.has(code))).toEqual([]);
    expect(new Set(doorCodes).size).toBe(doorCodes.length);
    expect(Object.keys(HUAWEI_MESSAGES).sort()).toEqual([...new Set(allRows().map((r) => r.code))].sort());
  });

  it('has both languages for every message', () => {
    for (const [code, text] of Object.entries(HUAWEI_MESSAGES)) {
      expect([code, /[\u4e00-\u9fff]/.test(text['zh-CN'])]).toEqual([code, true]);
      expect([code, /[\u4e00-\u9fff]/.test(text['en-US'])]).toEqual([code, false]);
    }
  });
});
