import { DEMO } from '../kit/demo';
import { send } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';
import { createUser, patchOp, PATCH_URN, scim, scimError, USER_URN, type ListBody } from './helpers';

interface Resource {
  id: string;
  active: boolean;
  meta: { version: string; location: string };
  [key: string]: unknown;
}
interface Listing<T> {
  Resources: T[];
  totalResults: number;
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('PUT, PATCH and versions', () => {
  it('PUT replaces the whole user: attributes it leaves out are gone, none is invented', async () => {
    const id = await createUser(server, 'pat', { displayName: 'Pat', title: 'Chief', emails: [{ type: 'work', value: 'pat@corp.test' }] });
    const answer = await scim(server, 'PUT', `/Users/${id}`, { schemas: [USER_URN], userName: 'pat', locale: 'fr-FR', active: 'false' });
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body).toEqual({
      schemas: [USER_URN],
      id,
      userName: 'pat',
      locale: 'fr-FR',
      active: false,
      meta: expect.objectContaining({ resourceType: 'User', version: 'W/"2"' }),
    });
    const byEmail = await scim(server, 'GET', `/Users?filter=${encodeURIComponent('emails.value eq "pat@corp.test"')}`);
    expect(byEmail.json().totalResults).toBe(0);
  });

  it('carries the core schema and the Enterprise extension as sent', async () => {
    const user = {
      schemas: [USER_URN, ENTERPRISE],
      userName: 'full',
      name: { formatted: 'Ms. F. Full', familyName: 'Full', givenName: 'F', honorificPrefix: 'Ms.' },
      displayName: 'F Full',
      title: 'Engineer',
      locale: 'en-GB',
      preferredLanguage: 'en',
      emails: [{ value: 'f@corp.test', type: 'work', primary: true, display: 'F' }],
      phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work' }],
      addresses: [{ streetAddress: '1 Main St', locality: 'London', postalCode: 'N1', country: 'GB', type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: '42', costCenter: 'CC1', department: 'R&D', manager: { value: DEMO.admin.id } },
    };
    const created = await scim(server, 'POST', '/Users', { ...user, id: 'ignored', meta: { created: 'x' }, groups: [] });
    expect(created.status).toBe(201);
    const { id, meta, ...rest } = created.json<Resource>();
    expect(rest).toEqual({ ...user, active: true });
    expect(created.headers.get('location')).toBe(meta.location);
    expect((await scim(server, 'GET', `/Users/${id}`)).json()).toEqual(created.json());
  });

  it('PATCH is all or nothing: a bad second operation leaves the first unapplied', async () => {
    const answer = await scim(
      server,
      'PATCH',
      `/Users/${DEMO.jdoe.id}`,
      patchOp({ op: 'replace', path: 'active', value: false }, { op: 'replace', path: 'shoeSize', value: '9' }),
    );
    expect(scimError(answer)).toEqual({ http: 400, status: '400', scimType: 'invalidPath' });
    const user = (await scim(server, 'GET', `/Users/${DEMO.jdoe.id}`)).json<Resource>();
    expect(user.active).toBe(true);
    expect(user.meta.version).toBe('W/"1"');
  });

  it('PATCH add, replace and remove with value-filter paths', async () => {
    const id = await createUser(server, 'multi', { emails: [{ type: 'work', value: 'a@corp.test' }], name: { givenName: 'M' } });
    const answer = await scim(
      server,
      'PATCH',
      `/Users/${id}`,
      patchOp(
        { op: 'Add', path: 'emails', value: [{ type: 'home', value: 'm@home.test' }] },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'b@corp.test' },
        { op: 'Remove', path: 'name.givenName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Ops' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: DEMO.admin.id },
      ),
    );
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body.emails).toEqual([
      { type: 'work', value: 'b@corp.test' },
      { type: 'home', value: 'm@home.test' },
    ]);
    expect(body.name).toBeUndefined();
    expect(body[ENTERPRISE]).toEqual({ department: 'Ops', manager: { value: DEMO.admin.id } });
    const removed = await scim(server, 'PATCH', `/Users/${id}`, patchOp({ op: 'remove', path: 'emails[type eq "home"]' }));
    expect(removed.json().emails).toEqual([{ type: 'work', value: 'b@corp.test' }]);
    expect(scimError(await scim(server, 'PATCH', `/Users/${id}`, patchOp({ op: 'remove' })))).toEqual({
      http: 400,
      status: '400',
      scimType: 'noTarget',
    });
  });

  it('ETag is the version; a stale If-Match is 412 and changes nothing, a current one applies', async () => {
    const read = await scim(server, 'GET', `/Users/${DEMO.jdoe.id}`);
    expect(read.headers.get('etag')).toBe('W/"1"');
    const disable = patchOp({ op: 'replace', path: 'active', value: false });
    expect((await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, disable, { 'If-Match': 'W/"1"' })).headers.get('etag')).toBe('W/"2"');
    const stale = await scim(
      server,
      'PUT',
      `/Users/${DEMO.jdoe.id}`,
      { schemas: [USER_URN], userName: 'jdoe', active: true },
      { 'If-Match': 'W/"1"' },
    );
    expect(scimError(stale)).toEqual({ http: 412, status: '412', scimType: undefined });
    expect((await scim(server, 'GET', `/Users/${DEMO.jdoe.id}`)).json().active).toBe(false);
    expect(scimError(await scim(server, 'DELETE', `/Users/${DEMO.jdoe.id}`, undefined, { 'If-Match': '"1"' })).http).toBe(412);
    expect(scimError(await scim(server, 'DELETE', `/Users/${DEMO.jdoe.id}`, undefined, { 'If-Match': 'garbage' })).scimType).toBe(
      'invalidVers',
    );
  });
});

describe('bad input is refused in SCIM error shape and changes nothing', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) => scim(server, 'POST', '/Users', body, headers);

  it.each([
    ['bad JSON', '{"schemas":', 400, 'invalidSyntax'],
    ['a JSON array', '[]', 400, 'invalidSyntax'],
    ['a wrong schema URN', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], userName: 'x1' }, 400, 'invalidSyntax'],
    ['no schemas', { userName: 'x2' }, 400, 'invalidSyntax'],
    ['an unknown attribute', { schemas: [USER_URN], userName: 'x3', shoeSize: 9 }, 400, 'invalidSyntax'],
    ['an unknown Enterprise attribute', { schemas: [USER_URN], userName: 'x4', [ENTERPRISE]: { rank: 1 } }, 400, 'invalidSyntax'],
    ['a non-boolean active', { schemas: [USER_URN], userName: 'x5', active: 'yes' }, 400, 'invalidValue'],
    ['no userName', { schemas: [USER_URN], displayName: 'x6' }, 400, 'invalidValue'],
    ['emails that are not a list', { schemas: [USER_URN], userName: 'x7', emails: 'x7@corp.test' }, 400, 'invalidValue'],
    ['a userName with a space', { schemas: [USER_URN], userName: 'x 8' }, 400, 'invalidValue'],
  ])('POST with %s', async (_name, body, http, scimType) => {
    expect(scimError(await post(body))).toEqual({ http, status: String(http), scimType });
    expect((await scim(server, 'GET', '/Users')).json<ListBody>().totalResults).toBe(3);
  });

  it.each([
    ['a PatchOp without its schema', { Operations: [{ op: 'replace', path: 'active', value: false }] }, 'invalidSyntax'],
    ['no operations', { schemas: [PATCH_URN], Operations: [] }, 'invalidSyntax'],
    ['an unknown op', patchOp({ op: 'disable', path: 'active', value: false }), 'invalidSyntax'],
    ['a non-boolean active', patchOp({ op: 'Replace', path: 'active', value: 'Nope' }), 'invalidValue'],
    ['a path outside the schemas', patchOp({ op: 'replace', path: 'urn:example:custom:level', value: 1 }), 'invalidPath'],
    ['an unknown dotted key', patchOp({ op: 'replace', value: { 'name.nickname': 'J' } }), 'invalidPath'],
  ])('PATCH with %s', async (_name, body, scimType) => {
    expect(scimError(await scim(server, 'PATCH', `/Users/${DEMO.jdoe.id}`, body))).toEqual({ http: 400, status: '400', scimType });
    expect((await scim(server, 'GET', `/Users/${DEMO.jdoe.id}`)).json<Resource>().meta.version).toBe('W/"1"');
  });

  it('an oversize body is 413 before it is read', async () => {
    const small = await startTestServer({ maxBodyBytes: 1024 });
    try {
      const at = JSON.stringify({ schemas: [USER_URN], userName: 'edge', title: '' });
      const exact = JSON.stringify({ schemas: [USER_URN], userName: 'edge', title: 't'.repeat(1024 - at.length) });
      expect(exact).toHaveLength(1024);
      expect((await scim(small, 'POST', '/Users', exact)).status).toBe(201);
      const over = exact.replace('"userName":"edge"', '"userName":"edge2"');
      expect(scimError(await scim(small, 'POST', '/Users', over))).toEqual({ http: 413, status: '413', scimType: 'tooMany' });
    } finally {
      await small.stop();
    }
  });

  it('takes application/json, refuses other media types', async () => {
    const body = { schemas: [USER_URN], userName: 'json.client' };
    expect((await post(body, { 'Content-Type': 'application/json' })).status).toBe(201);
    expect(scimError(await post(body, { 'Content-Type': 'text/plain' })).http).toBe(415);
  });

  it('without the token, with a wrong one or another door’s credential: 401', async () => {
    const bare = await send(server, '/scim/v2/Users');
    expect(scimError(bare).http).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer /);
    for (const authorization of [
      'Bearer wrong',
      `Bearer ${DEMO.huaweiToken}`,
      `Bearer ${DEMO.ticket}`,
      'Basic YWRtaW46RGVtby1BZG1pbi0yMDI2',
    ]) {
      expect(scimError(await scim(server, 'GET', '/Users', undefined, { Authorization: authorization })).http).toBe(401);
    }
    expect(scimError(await scim(server, 'GET', '/Users', undefined, { Authorization: '', 'X-Access-Token': DEMO.huaweiToken })).http).toBe(
      401,
    );
  });

  it('unknown paths and methods are SCIM errors; a trailing slash finds the route', async () => {
    expect(scimError(await scim(server, 'GET', '/Groups')).http).toBe(404);
    expect(scimError(await scim(server, 'POST', '/Bulk', {})).http).toBe(404);
    expect(scimError(await scim(server, 'DELETE', '/Users')).http).toBe(405);
    expect((await scim(server, 'GET', `/Users/${DEMO.jdoe.id}/`)).status).toBe(200);
    expect((await scim(server, 'GET', '/Users/?count=1')).status).toBe(200);
  });
});

describe('discovery', () => {
  it('ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const spc = (await scim(server, 'GET', '/ServiceProviderConfig')).json();
    expect(spc).toEqual(
      expect.objectContaining({
        patch: { supported: true },
        etag: { supported: true },
        sort: { supported: false },
        filter: { supported: true, maxResults: 1000 },
      }),
    );
    const types = (await scim(server, 'GET', '/ResourceTypes/')).json<Listing<Record<string, unknown>>>();
    expect(types.Resources[0]).toEqual(expect.objectContaining({ id: 'User', endpoint: '/Users', schema: USER_URN }));
    const schemas = (await scim(server, 'GET', '/Schemas')).json<Listing<{ id: string }>>();
    expect(schemas.Resources.map((s) => s.id)).toEqual([USER_URN, ENTERPRISE]);
    expect(
      (await scim(server, 'GET', `/Schemas/${ENTERPRISE}`)).json<{ attributes: { name: string }[] }>().attributes.map((a) => a.name),
    ).toContain('employeeNumber');
  });
});
