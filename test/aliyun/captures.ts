import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';

/** One request the official SDKs sent, byte for byte (test/wire/aliyun, a copy of the design captures). */
export interface CapturedRequest {
  method: string;
  url: string;
  rawHeaders: [string, string][];
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CapturedScenario {
  id: string;
  title: string;
  requests: CapturedRequest[];
}

export const CAPTURE_PATH = join(__dirname, '..', 'wire', 'aliyun', 'aliyun-sdk-requests.json');

const file = JSON.parse(readFileSync(CAPTURE_PATH, 'utf8')) as { scenarios: CapturedScenario[]; accessKeySecret: string };

export const CAPTURED_SCENARIOS = file.scenarios;
export const CAPTURE_SECRET = file.accessKeySecret;
/** Every capture was signed at this instant. */
export const CAPTURE_TIME = Date.parse('2026-11-22T13:36:39Z');
