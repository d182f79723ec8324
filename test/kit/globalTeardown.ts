import { rmSync } from 'node:fs';
import { TEMPLATE_DIR_VARIABLE } from './templateDir';

export default function globalTeardown(): void {
  const dir = process.env[TEMPLATE_DIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
