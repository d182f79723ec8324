import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { sendRaw, type HttpAnswer, type Listening, type RawRequest } from '../kit/http';

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

/**
 * A capture as the kit's raw client sends it: byte for byte, its own Host header included (V3
 * signs it). A chunked capture is re-sent as one chunk: the decoded body is what is signed.
 */
export function asRawRequest(request: CapturedRequest): RawRequest {
  const chunked = request.rawHeaders.some(([name, value]) => name.toLowerCase() === 'transfer-encoding' && value === 'chunked');
  return { method: request.method, target: request.url, headers: request.rawHeaders, body: request.body, chunked };
}

/** Replays a capture against a listening server. */
export function replay(server: Listening, request: CapturedRequest): Promise<HttpAnswer> {
  return sendRaw(server, asRawRequest(request));
}
