import type { Router } from 'express';
import { expressApp } from '../../src/http/expressRoutes';
import { fastLookup } from '../../src/http/fastTable';
import type { DoorRoute, RouteHandler } from '../../src/http/routes';

const soap: RouteHandler = () => undefined;
const http: RouteHandler = () => undefined;
const docs: RouteHandler = () => undefined;
const refuse: RouteHandler = () => undefined;
const ROUTES: DoorRoute[] = [
  { path: '/srv.asmx', methods: { GET: docs, POST: soap }, fast: ['POST'], otherMethods: refuse },
  { path: '/srv.asmx/:method', methods: { GET: http, POST: http }, fast: ['GET', 'POST'], otherMethods: refuse },
];
const lastResort = (): void => undefined;

describe('the fast table, derived from the route declarations', () => {
  const lookup = fastLookup(ROUTES);

  it('serves the exact spelling of a fast method, with its parameter', () => {
    expect(lookup('POST', '/srv.asmx')?.handler).toBe(soap);
    expect(lookup('GET', '/srv.asmx/ChangeUserStatus?a=1')).toEqual({
      handler: http,
      route: '/srv.asmx/:method',
      params: { method: 'ChangeUserStatus' },
    });
    expect(lookup('POST', '/srv.asmx/ChangeUserStatus')?.handler).toBe(http);
  });

  it.each([
    ['GET', '/srv.asmx'],
    ['HEAD', '/srv.asmx/ChangeUserStatus'],
    ['PUT', '/srv.asmx'],
    ['POST', '/SRV.asmx'],
    ['POST', '/srv.asmx/'],
    ['GET', '/srv.asmx/Change%55serStatus'],
    ['GET', '/srv.asmx/ChangeUserStatus/'],
    ['GET', '/srv.asmx/a.b'],
  ])('leaves %s %s to Express', (method, url) => {
    expect(lookup(method, url)).toBeNull();
  });

  it('refuses a fast path it cannot match exactly as Express would', () => {
    expect(() => fastLookup([{ path: '/a/:b/:c', methods: { GET: http }, fast: ['GET'] }])).toThrow(/at most one final parameter/);
    expect(() => fastLookup([{ path: '/a', methods: { GET: http }, fast: ['POST'] }])).toThrow(/no POST handler/);
  });
});

describe('route declarations', () => {
  it('refuse a path declared twice, in any spelling Express treats as the same', () => {
    expect(() => expressApp([...ROUTES, { path: '/SRV.asmx', methods: { PUT: http } }], lastResort)).toThrow(/declared twice/);
    const router = (() => undefined) as unknown as Router;
    expect(() =>
      expressApp(
        [
          { prefix: '/v1/usg', router },
          { prefix: '/v1/usg', router },
        ],
        lastResort,
      ),
    ).toThrow(/declared twice/);
  });
});
