import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './schemaNames';

/** An attribute as RFC 7643 §7 describes it, for the Schemas endpoint and for checking names. */
export interface AttributeDef {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'dateTime' | 'reference';
  multiValued: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'default' | 'never';
  uniqueness: 'none' | 'server';
  caseExact: boolean;
  required: boolean;
  subAttributes?: AttributeDef[];
}

function attr(name: string, type: AttributeDef['type'] = 'string', more: Partial<AttributeDef> = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    caseExact: false,
    required: false,
    ...more,
  };
}

const complex = (name: string, subs: AttributeDef[], more: Partial<AttributeDef> = {}): AttributeDef =>
  attr(name, 'complex', { subAttributes: subs, ...more });

/** value, display, type, primary: what every multi-valued attribute of the User schema has. */
const multi = (name: string, extra: AttributeDef[] = []): AttributeDef =>
  complex(name, [attr('value'), attr('display'), attr('type'), attr('primary', 'boolean'), ...extra], { multiValued: true });

export const USER_ATTRIBUTES: AttributeDef[] = [
  attr('userName', 'string', { required: true, uniqueness: 'server' }),
  complex(
    'name',
    ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => attr(n)),
  ),
  attr('displayName'),
  attr('nickName'),
  attr('profileUrl', 'reference'),
  attr('title'),
  attr('userType'),
  attr('preferredLanguage'),
  attr('locale'),
  attr('timezone'),
  attr('active', 'boolean'),
  attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
  multi('emails'),
  multi('phoneNumbers'),
  multi('ims'),
  multi('photos'),
  complex(
    'addresses',
    ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type']
      .map((n) => attr(n))
      .concat(attr('primary', 'boolean')),
    { multiValued: true },
  ),
  multi('groups', [attr('$ref', 'reference')]),
  multi('entitlements'),
  multi('roles'),
  multi('x509Certificates'),
];

export const ENTERPRISE_ATTRIBUTES: AttributeDef[] = [
  attr('employeeNumber'),
  attr('costCenter'),
  attr('organization'),
  attr('division'),
  attr('department'),
  complex('manager', [attr('value'), attr('$ref', 'reference'), attr('displayName', 'string', { mutability: 'readOnly' })]),
];

/** Common attributes (RFC 7643 §3.1) a client may send and the server sets itself: ignored on input. */
export const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);

/** Never stored: statusbridge keeps no password for provisioned accounts (they log on at the provider). */
export const WRITE_ONLY = new Set(['password']);

const byLowerName = (defs: AttributeDef[]) => new Map(defs.map((d) => [d.name.toLowerCase(), d]));
const CORE = byLowerName([
  ...USER_ATTRIBUTES,
  attr('externalId', 'string', { caseExact: true }),
  attr('id'),
  attr('meta', 'complex'),
  attr('schemas'),
]);
const ENTERPRISE = byLowerName(ENTERPRISE_ATTRIBUTES);

/** Where a name lives: a core attribute, an Enterprise attribute, or nowhere this server knows. */
export type Resolved = { schema: 'core' | 'enterprise'; def: AttributeDef } | null;

/** An attribute name as a client may write it: any case, with or without its schema URN in front. */
export function resolveAttribute(name: string): Resolved {
  const lower = name.toLowerCase();
  for (const [urn, schema, defs] of [
    [ENTERPRISE_SCHEMA, 'enterprise', ENTERPRISE],
    [USER_SCHEMA, 'core', CORE],
  ] as const) {
    const prefix = `${urn.toLowerCase()}:`;
    if (lower.startsWith(prefix)) {
      const def = defs.get(lower.slice(prefix.length));
      return def ? { schema, def } : null;
    }
  }
  const def = CORE.get(lower);
  return def ? { schema: 'core', def } : null;
}

/** A sub-attribute of a complex attribute, by any-case name. */
export function resolveSub(def: AttributeDef, name: string): AttributeDef | undefined {
  return def.subAttributes?.find((s) => s.name.toLowerCase() === name.toLowerCase());
}
