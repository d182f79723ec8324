import type { User } from '../../engine';
import { escapeXml } from '../xml';

/**
 * Method results are XML fragments. xmlns="" keeps them unqualified inside the tempuri
 * response element, as .NET emits an XmlNode result, so clients read `response`/`root` bare.
 */
export function responseFragment(success: boolean, error: string, inner = ''): string {
  const open = `<response success="${success}" error="${escapeXml(error)}" xmlns=""`;
  return inner ? `${open}>${inner}</response>` : `${open} />`;
}

export function rootFailure(error: string): string {
  return `<root success="false" error="${escapeXml(error)}" xmlns="" />`;
}

function splitName(displayName: string): { first: string; last: string } {
  const at = displayName.indexOf(' ');
  return at < 0 ? { first: displayName, last: '' } : { first: displayName.slice(0, at), last: displayName.slice(at + 1) };
}

/** infoRouter writes dates as local time without a zone; we write UTC and say so with Z. */
function isoSeconds(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function authenticatedRoot(user: User, ticket: string, expiresAt: number | null): string {
  const { first, last } = splitName(user.displayName);
  const attrs: [string, string][] = [
    ['success', 'true'],
    ['ticket', ticket],
    ['userid', user.id],
    ['username', user.userName],
    ['firstName', first],
    ['lastName', last],
    ['fullname', user.displayName],
    ['email', user.email],
    ['expireOn', isoSeconds(expiresAt)],
    ['isAuthenticated', 'True'],
  ];
  return `<root ${attrs.map(([k, v]) => `${k}="${escapeXml(v)}"`).join(' ')} xmlns="" />`;
}

export function userElement(user: User): string {
  const { first, last } = splitName(user.displayName);
  const attrs: [string, string][] = [
    ['exists', 'true'],
    ['UserID', user.id],
    ['FirstName', first],
    ['LastName', last],
    ['Email', user.email],
    ['Enabled', user.status === 'enabled' ? 'TRUE' : 'FALSE'],
    ['UserName', user.userName],
    ['Domain', user.directoryId],
    ['LastLogonDate', isoSeconds(user.lastLogonAt)],
    ['AuthenticationAuthority', 'native'],
    ['ReadOnlyUser', 'FALSE'],
  ];
  const preferences = `<Preferences SystemAdministrator="${user.isAdmin ? 'TRUE' : 'FALSE'}" Hosted="${user.hosted ? 'TRUE' : 'FALSE'}" />`;
  return `<User ${attrs.map(([k, v]) => `${k}="${escapeXml(v)}"`).join(' ')}>${preferences}</User>`;
}
