/** The srv.asmx contract shared by the WSDL, the help pages and the dispatcher, so the three cannot drift apart. */

export type AsmxParamType = 'string' | 'int';

export interface AsmxParam {
  readonly name: string;
  readonly type: AsmxParamType;
}

export interface AsmxOperation {
  readonly name: string;
  readonly description: string;
  readonly params: readonly AsmxParam[];
}

export const ASMX_SERVICE = {
  name: 'srv',
  namespace: 'http://tempuri.org/',
  description: 'infoRouter-compatible account service: sign in, look up users and enable or disable their accounts.',
} as const;

// Order matters: ASMX lists operations in this order in the WSDL and on the help page.
export const ASMX_OPERATIONS: readonly AsmxOperation[] = [
  {
    name: 'AuthenticateUser',
    description: 'Checks a user name and password and returns a ticket for the other operations.',
    params: [
      { name: 'UID', type: 'string' },
      { name: 'PWD', type: 'string' },
    ],
  },
  {
    name: 'LogOut',
    description: 'Ends the session behind an authentication ticket so the ticket can no longer be used.',
    params: [{ name: 'AuthenticationTicket', type: 'string' }],
  },
  {
    name: 'ChangeUserStatus',
    description: 'Disables (StatusCode 0) or enables (StatusCode 1) a user account; only system administrators may call it.',
    params: [
      { name: 'AuthenticationTicket', type: 'string' },
      { name: 'UserName', type: 'string' },
      { name: 'StatusCode', type: 'int' },
    ],
  },
  {
    name: 'GetUser',
    description: "Returns a user's profile; an empty UserName returns the caller's own.",
    params: [
      { name: 'AuthenticationTicket', type: 'string' },
      { name: 'UserName', type: 'string' },
    ],
  },
];

/** Case-sensitive, as ASMX matches method names. */
export function findAsmxOperation(name: string): AsmxOperation | undefined {
  return ASMX_OPERATIONS.find((operation) => operation.name === name);
}

export function soapActionOf(operation: AsmxOperation): string {
  return ASMX_SERVICE.namespace + operation.name;
}
