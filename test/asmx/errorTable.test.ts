import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_ERROR_CODES } from '../../src/engine';
import { ASMX_DOOR_ERRORS, ASMX_ENGINE_ERRORS } from '../../src/doors/asmx/errorTable';

describe('asmx error table', () => {
  it.each(ENGINE_ERROR_CODES)('maps engine error %s to an infoRouter error string', (code) => {
    const row = ASMX_ENGINE_ERRORS[code];
    expect(row).toBeDefined();
    expect(row.message).toMatch(/^(\[9\d\d\] .+|User not found|Access denied|SystemError:.+)$/);
    expect(row.meaning.length).toBeGreaterThan(10);
  });

  it('maps nothing that is not an engine error', () => {
    expect(Object.keys(ASMX_ENGINE_ERRORS).sort()).toEqual([...ENGINE_ERROR_CODES].sort());
  });

  it('keeps the seed texts verbatim', () => {
    expect(ASMX_ENGINE_ERRORS.AUTHENTICATION_FAILED.message).toBe('[900] Authentication failed');
    expect(ASMX_ENGINE_ERRORS.SESSION_INVALID.message).toBe('[901] Session expired or Invalid ticket');
    expect(ASMX_ENGINE_ERRORS.USER_NOT_FOUND.message).toBe('User not found');
    expect(ASMX_ENGINE_ERRORS.ACCESS_DENIED.message).toBe('Access denied');
  });

  it('lists every in-band error string in docs/errors.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'errors.md'), 'utf8');
    for (const row of [...Object.values(ASMX_ENGINE_ERRORS), ...Object.values(ASMX_DOOR_ERRORS)]) {
      if (row.message) expect(doc).toContain(row.message);
    }
  });
});
