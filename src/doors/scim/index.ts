import { Router, type NextFunction, type Request, type Response } from 'express';
import type { DoorDeps } from '../doorDeps';
import type { RouterMount } from '../../http/routes';
import { discoveryRoutes } from './discovery';
import { ScimDoorError } from './errorTable';
import { renderErrors } from './render';
import { createUserRoute, deleteUserRoute, getUserRoute, listUsersRoute, patchUserRoute, replaceUserRoute } from './users';

function tagReply(_req: Request, res: Response, next: NextFunction): void {
  res.locals.door = 'scim';
  next();
}

function methodNotAllowed(): never {
  throw new ScimDoorError('METHOD_NOT_ALLOWED');
}

function notFound(): never {
  throw new ScimDoorError('NOT_FOUND');
}

/**
 * The SCIM 2.0 door (RFC 7643, RFC 7644) for identity providers: Users, and the three discovery
 * endpoints. Its own router, so every reply under /scim/v2, a 404 included, is a SCIM error. The
 * router is not strict, so a trailing slash finds the same route.
 */
export function scimRoutes(deps: DoorDeps): RouterMount[] {
  const router = Router({ strict: false, caseSensitive: false });
  router.use(tagReply);
  router.route('/Users').get(listUsersRoute(deps)).post(createUserRoute(deps)).all(methodNotAllowed);
  router
    .route('/Users/:id')
    .get(getUserRoute(deps))
    .put(replaceUserRoute(deps))
    .patch(patchUserRoute(deps))
    .delete(deleteUserRoute(deps))
    .all(methodNotAllowed);
  const discovery = discoveryRoutes(deps);
  router.route('/ServiceProviderConfig').get(discovery.serviceProviderConfig).all(methodNotAllowed);
  router.route('/ResourceTypes').get(discovery.resourceTypes).all(methodNotAllowed);
  router.route('/ResourceTypes/:id').get(discovery.resourceType).all(methodNotAllowed);
  router.route('/Schemas').get(discovery.schemas).all(methodNotAllowed);
  router.route('/Schemas/:id').get(discovery.schema).all(methodNotAllowed);
  router.use(notFound);
  router.use(renderErrors(deps.logger));
  return [{ prefix: '/scim/v2', router }];
}
