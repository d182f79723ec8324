import { authenticatePassword } from './authenticate';
import type { EngineContext } from './context';
import type { Session, User } from './model';
import { openSession } from './openSessions';

/** infoRouter's AuthenticateUser: a password logon that yields a sliding ticket. */
export async function logonWithTicket(
  ctx: EngineContext,
  userName: string,
  password: string,
): Promise<{ user: User; ticket: string; session: Session }> {
  const user = await authenticatePassword(ctx, userName, password);
  const { secret, session } = await openSession(ctx, user.id, 'ticket', {
    lifetimeMs: ctx.settings.ticketLifetimeMs,
    sliding: true,
    clientType: null,
    maxLive: null,
  });
  return { user, ticket: secret, session };
}
