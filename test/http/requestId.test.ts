import { newRequestId, newUuidV7 } from '../../src/http/requestId';

const UUID_V7 = /^[0-9A-F]{8}-[0-9A-F]{4}-7[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

describe('request ids', () => {
  it('are 32 lower-case hex digits, distinct, and begin with the time in milliseconds', () => {
    const before = Date.now();
    const ids = Array.from({ length: 600 }, () => newRequestId());
    const after = Date.now();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      const ms = parseInt(id.slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(after);
    }
  });

  it('made in a later millisecond sort after earlier ones, so the audit index grows at its end', async () => {
    const first = newRequestId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = newRequestId();
    expect(second > first).toBe(true);
  });

  it('for Alibaba are upper-case version 7 UUIDs carrying the same millisecond prefix', () => {
    const before = Date.now();
    const ids = Array.from({ length: 600 }, () => newUuidV7());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(before);
    }
  });
});
