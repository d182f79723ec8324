import type { Express } from 'express';
import type { AppDeps } from '../../app';

export function mountAsmxDoor(_app: Express, _deps: AppDeps): void {
  // filled in below in this session
}
