import type { Request, Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import { ENTERPRISE_ATTRIBUTES, USER_ATTRIBUTES, type AttributeDef } from './attributes';
import { ScimDoorError } from './errorTable';
import { render } from './render';
import { baseUrl } from './request';
import { ENTERPRISE_SCHEMA, LIST_SCHEMA, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA, SPC_SCHEMA, USER_SCHEMA } from './schemaNames';

/** What this server supports (RFC 7643 §5); README lists what it does not and why. */
function serviceProviderConfig(base: string, maxResults: number) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'A token made by statusbridge scim token create', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

function userResourceType(base: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  };
}

const described = (defs: AttributeDef[]): AttributeDef[] => defs;

function schemas(base: string) {
  return [
    { id: USER_SCHEMA, name: 'User', description: 'User Account', attributes: described(USER_ATTRIBUTES) },
    { id: ENTERPRISE_SCHEMA, name: 'EnterpriseUser', description: 'Enterprise User', attributes: described(ENTERPRISE_ATTRIBUTES) },
  ].map((schema) => ({ schemas: [SCHEMA_SCHEMA], ...schema, meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` } }));
}

const list = (resources: unknown[]) => ({
  schemas: [LIST_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

/** GET /ServiceProviderConfig, /ResourceTypes[/User], /Schemas[/urn]: open, as RFC 7644 §4 allows; they describe the server, no account. */
export function discoveryRoutes(deps: DoorDeps) {
  return {
    serviceProviderConfig: (req: Request, res: Response): void => {
      render(res, 200, serviceProviderConfig(baseUrl(req), deps.config.scimMaxResults));
    },
    resourceTypes: (req: Request, res: Response): void => {
      render(res, 200, list([userResourceType(baseUrl(req))]));
    },
    resourceType: (req: Request, res: Response): void => {
      if (String(req.params.id) !== 'User') throw new ScimDoorError('NOT_FOUND', `No resource type ${String(req.params.id)}`);
      render(res, 200, userResourceType(baseUrl(req)));
    },
    schemas: (req: Request, res: Response): void => {
      render(res, 200, list(schemas(baseUrl(req))));
    },
    schema: (req: Request, res: Response): void => {
      const found = schemas(baseUrl(req)).find((s) => s.id === String(req.params.id));
      if (!found) throw new ScimDoorError('NOT_FOUND', `No schema ${String(req.params.id)}`);
      render(res, 200, found);
    },
  };
}
