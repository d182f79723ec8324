import type { Express } from 'express';
import type { AppDeps } from '../../app';
import { aliyunDispatch } from './dispatch';

/**
 * Alibaba Cloud RPC at `/` exactly: the SDKs put every action there. Only GET and POST, and
 * only this path, so the other doors' routes and the 404 fallback stay untouched.
 */
export function mountAliyunDoor(app: Express, deps: AppDeps): void {
  const handler = aliyunDispatch(deps);
  app.get('/', handler);
  app.post('/', handler);
}
