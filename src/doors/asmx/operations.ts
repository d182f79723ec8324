import { toEngineError, type DoorEngine, type RequestMeta } from '../../engine';
import type { Logger } from '../../log';
import { ASMX_DOOR_ERRORS, ASMX_ENGINE_ERRORS } from './errorTable';
import { authenticatedRoot, responseFragment, rootFailure, userElement } from './results';

/** Arguments after the binding has read them: strings as sent, ints already converted. */
export interface OperationArgs {
  [name: string]: string | number | undefined;
}

export interface OperationContext extends RequestMeta {
  engine: DoorEngine;
  logger: Logger;
}

export type Operation = (args: OperationArgs, ctx: OperationContext) => Promise<string>;

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** Maps any failure to the in-band error text; unexpected ones are logged and shown as SystemError only. */
function failureText(err: unknown, ctx: OperationContext): string {
  const engineError = toEngineError(err);
  if (engineError.code === 'INTERNAL') ctx.logger.error({ err, reqId: ctx.requestId }, 'asmx operation failed');
  return ASMX_ENGINE_ERRORS[engineError.code].message;
}

const ticketCredential = (args: OperationArgs) =>
  ({ kind: 'session', sessionKind: 'ticket', secret: text(args.AuthenticationTicket) }) as const;

async function authenticateUser(args: OperationArgs, ctx: OperationContext): Promise<string> {
  try {
    const { user, ticket, session } = await ctx.engine.logonWithTicket(text(args.UID), text(args.PWD));
    return authenticatedRoot(user, ticket, session.expiresAt);
  } catch (err) {
    return rootFailure(failureText(err, ctx));
  }
}

async function logOut(args: OperationArgs, ctx: OperationContext): Promise<string> {
  try {
    await ctx.engine.endSession('ticket', text(args.AuthenticationTicket));
    return responseFragment(true, '');
  } catch (err) {
    return responseFragment(false, failureText(err, ctx));
  }
}

async function changeUserStatus(args: OperationArgs, ctx: OperationContext): Promise<string> {
  const code = args.StatusCode;
  if (code !== 0 && code !== 1) {
    // Refused before the engine is asked, but still an attempted change: it gets its audit row.
    await ctx.engine.refuse({
      requestId: ctx.requestId,
      door: ctx.door,
      caller: ticketCredential(args),
      verb: 'ChangeUserStatus',
      targets: [text(args.UserName)],
      outcome: 'INVALID_ARGUMENT',
    });
    return responseFragment(false, ASMX_DOOR_ERRORS.INVALID_STATUS_CODE.message);
  }
  try {
    await ctx.engine.changeStatus({
      requestId: ctx.requestId,
      door: ctx.door,
      credential: ticketCredential(args),
      verb: 'ChangeUserStatus',
      target: { by: 'userName', value: text(args.UserName) },
      status: code === 1 ? 'enabled' : 'disabled',
      reason: `asmx:ChangeUserStatus`,
    });
    return responseFragment(true, '');
  } catch (err) {
    return responseFragment(false, failureText(err, ctx));
  }
}

async function getUser(args: OperationArgs, ctx: OperationContext): Promise<string> {
  try {
    const credential = ticketCredential(args);
    const name = text(args.UserName);
    const user = name ? await ctx.engine.readUser(credential, { by: 'userName', value: name }) : await ctx.engine.whoIs(credential);
    if (!user) return responseFragment(false, ASMX_ENGINE_ERRORS.USER_NOT_FOUND.message);
    return responseFragment(true, '', userElement(user));
  } catch (err) {
    return responseFragment(false, failureText(err, ctx));
  }
}

/** Keyed by the exact, case-sensitive method name. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ['AuthenticateUser', authenticateUser],
  ['LogOut', logOut],
  ['ChangeUserStatus', changeUserStatus],
  ['GetUser', getUser],
]);
