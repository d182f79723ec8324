import type { BatchAccountKind } from '../engine';

/** Past ASCII, lower-casing can depend on context (a final sigma): those lists go name by name. */
const BEYOND_ASCII = /[\u0080-\uffff]/;

/**
 * A batch's accounts as the JSON array of the keys users are found by (user names lower-cased,
 * as user_name_lc holds them), in list order: the one parameter a store sends the list as.
 * For an ASCII list the array is lower-cased whole, one string instead of 100,000 more:
 * JSON's own escapes are lower case already, so that equals lower-casing each name.
 */
export function batchKeysJson(by: BatchAccountKind, accounts: string[]): string {
  const json = JSON.stringify(accounts);
  if (by !== 'userName') return json;
  return !BEYOND_ASCII.test(json) ? json.toLowerCase() : JSON.stringify(accounts.map((account) => account.toLowerCase()));
}
