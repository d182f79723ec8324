import type { AccessPolicy } from './model';

/** RAM-style glob: '*' matches any run of characters, everything else literally. */
function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value);
}

/** A key without a policy may do everything its administrator may do. */
export function policyAllows(policy: AccessPolicy | null, action: string, resource: string): boolean {
  if (!policy) return true;
  const actionOk = policy.actions.some((pattern) => globMatches(pattern, action));
  const resourceOk = policy.resources.some((pattern) => globMatches(pattern, resource));
  return actionOk && resourceOk;
}
