import type { Express } from 'express';
import type { DoorDeps } from '../doorDeps';
import type { FastRoute } from '../../http/fastRoutes';
import { aliyunDispatch } from './dispatch';

/**
 * Alibaba Cloud RPC at `/` exactly: the SDKs put every action there. Only GET and POST, and
 * only this path, so the other doors' routes and the 404 fallback stay untouched. Returns the
 * same routes for the app's fast path.
 */
export function mountAliyunDoor(app: Express, deps: DoorDeps): FastRoute[] {
  const handler = aliyunDispatch(deps);
  app.get('/', handler);
  app.post('/', handler);
  return [
    { method: 'GET', path: '/', handler },
    { method: 'POST', path: '/', handler },
  ];
}
