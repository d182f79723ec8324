import { ASMX_OPERATIONS } from './operationList';

export type OperationSpec = (typeof ASMX_OPERATIONS)[number];

const BY_NAME = new Map<string, OperationSpec>(ASMX_OPERATIONS.map((op) => [op.name, op]));
const BY_LOWER = new Map<string, OperationSpec>(ASMX_OPERATIONS.map((op) => [op.name.toLowerCase(), op]));

export type MethodLookup = { found: OperationSpec } | { wrongCase: OperationSpec } | { unknown: true };

/** ASMX method names are case-sensitive, but it tells the caller when only the casing is wrong. */
export function lookupMethod(name: string): MethodLookup {
  const exact = BY_NAME.get(name);
  if (exact) return { found: exact };
  const other = BY_LOWER.get(name.toLowerCase());
  return other ? { wrongCase: other } : { unknown: true };
}

export function operationByName(name: string): OperationSpec | undefined {
  return BY_NAME.get(name);
}
