import type { DoorDeps } from '../doorDeps';
import type { PathRoute } from '../../http/routes';
import { aliyunDispatch } from './dispatch';

/**
 * Alibaba Cloud RPC at `/` exactly: the SDKs put every action there. Only GET and POST, and
 * only this path, so the other doors' routes and the 404 fallback stay untouched.
 */
export function aliyunRoutes(deps: DoorDeps): PathRoute[] {
  const handler = aliyunDispatch(deps);
  return [{ path: '/', methods: { GET: handler, POST: handler }, fast: ['GET', 'POST'] }];
}
