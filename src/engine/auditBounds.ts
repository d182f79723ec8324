import type { AuditEntry } from './model';

/**
 * Ends a field the audit had to cut, so the row says so. Whatever a request sends (a 500 KB user
 * name, a 120,000-account list), each field of its row stays within auditFieldMaxChars.
 */
export const CUT_MARK = '…[cut]';

/** The smallest bound the setting accepts: room for a name and the mark. */
export const MIN_AUDIT_FIELD_CHARS = 64;

export function boundField(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - CUT_MARK.length) + CUT_MARK;
}

const BOUNDED_FIELDS = ['requestId', 'door', 'caller', 'target', 'verb', 'before', 'after', 'outcome'] as const;

function fits(entry: AuditEntry, max: number): boolean {
  for (const field of BOUNDED_FIELDS) {
    const value = entry[field];
    if (value !== null && value.length > max) return false;
  }
  return true;
}

/** The rows as they may be stored: unchanged (the usual case, no copy) or with long fields cut and marked. */
export function boundEntries(entries: AuditEntry[], max: number): AuditEntry[] {
  if (entries.every((entry) => fits(entry, max))) return entries;
  return entries.map((entry) => {
    const bounded: AuditEntry = { ...entry };
    for (const field of BOUNDED_FIELDS) {
      const value = entry[field];
      if (value !== null) bounded[field] = boundField(value, max);
    }
    return bounded;
  });
}

/**
 * One target naming every account a request listed, for the one row of a refusal that is not
 * worth a row per account (an unproven caller, a malformed or over-long list): the count, then
 * as many names as fit, cut with the mark past max.
 */
export function summariseTargets(names: readonly string[], max: number): string {
  if (names.length === 1) return boundField(names[0], max);
  let text = `${names.length} accounts: `;
  for (let i = 0; i < names.length && text.length <= max; i++) text += i === 0 ? names[i] : `,${names[i]}`;
  return boundField(text, max);
}
