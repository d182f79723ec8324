import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_DIR_VARIABLE } from './templateDir';

/** One folder per jest run for the seeded demo database; workers inherit its name and seed it on first use. */
export default function globalSetup(): void {
  process.env[TEMPLATE_DIR_VARIABLE] = mkdtempSync(join(tmpdir(), 'statusbridge-demo-'));
}
