import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** What one HTTP call answered, and how long it took. */
export interface HttpAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Map<string, string>;
  /** The body, de-chunked, as UTF-8. */
  text: string;
  ms: number;
  json<T = Record<string, unknown>>(): T;
}

/** A request as bytes go on the wire: the headers in their order and spelling, the body untouched. */
export interface RawRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer | string;
  /** Sends the body as one chunk (the headers should say Transfer-Encoding: chunked). */
  chunked?: boolean;
}

/** The longest any single call may take: a door that hangs fails its test instead of the run. */
export const CLIENT_TIMEOUT_MS = 10_000;

/** Where a server listens: a port, a base URL, or anything with a port (TestServer, ServerProcess). */
export type Listening = number | string | { port: number };

function portOf(server: Listening): number {
  if (typeof server === 'number') return server;
  if (typeof server === 'string') return Number(new URL(server).port);
  return server.port;
}

/**
 * Parses a request file: request line, header lines, a blank line, then the body as written
 * (LF line endings become CRLF in the head only; the body is sent byte for byte).
 */
export function parseRequestFile(text: string): RawRequest & { body: Buffer } {
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 2);
  const [requestLine, ...headerLines] = head.split('\n').filter((line) => line.length > 0);
  const [method, target] = requestLine.split(' ');
  const headers = headerLines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  return { method, target, headers, body: Buffer.from(body, 'utf8') };
}

const has = (headers: [string, string][], name: string): boolean => headers.some(([k]) => k.toLowerCase() === name);

export interface RawOptions {
  timeoutMs?: number;
  /**
   * Sends the headers exactly as given, adding and replacing none (a keep-alive request stays
   * one): the answer is complete when its Content-Length or last chunk is in.
   */
  asIs?: boolean;
}

/**
 * Sends this request over a connection of its own and reads the whole answer. Unless asIs, Host
 * and Content-Length are added when the request lacks them, and Connection is always close.
 */
export function sendRaw(server: Listening, request: RawRequest, options: RawOptions = {}): Promise<HttpAnswer> {
  const port = portOf(server);
  const timeoutMs = options.timeoutMs ?? CLIENT_TIMEOUT_MS;
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  if (options.asIs) {
    lines.push(...request.headers.map(([name, value]) => `${name}: ${value}`));
  } else {
    if (!has(request.headers, 'host')) lines.push(`Host: 127.0.0.1:${port}`);
    for (const [name, value] of request.headers) if (name.toLowerCase() !== 'connection') lines.push(`${name}: ${value}`);
    if (!request.chunked && !has(request.headers, 'content-length')) lines.push(`Content-Length: ${body.length}`);
    lines.push('Connection: close');
  }
  lines.push('', '');
  const payload = request.chunked
    ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
    : body;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      try {
        resolve(parseAnswer(Buffer.concat(chunks), Date.now() - started));
      } catch (err) {
        reject(err);
      }
    };
    socket.setTimeout(timeoutMs, () => {
      settled = true;
      socket.destroy();
      reject(new Error(`${request.method} ${request.target.split('?')[0]} did not answer within ${timeoutMs} ms`));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    socket.on('end', finish);
    socket.write(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), payload]));
  });
}

/** True once the head and the whole body it announces are in; an answer without a length ends at close. */
function isComplete(raw: Buffer): boolean {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = raw.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return raw.length >= end + 4 + Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return raw.length >= end + 9 && raw.subarray(-5).toString('latin1') === '0\r\n\r\n';
  return false;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/** One call as an ordinary client makes it: method, path, a few headers, a body. */
export function send(server: Listening, path: string, options: SendOptions = {}): Promise<HttpAnswer> {
  const request: RawRequest = {
    method: options.method ?? 'GET',
    target: path,
    headers: Object.entries(options.headers ?? {}),
    body: options.body ?? '',
  };
  return sendRaw(server, request, { timeoutMs: options.timeoutMs });
}

function parseAnswer(raw: Buffer, ms: number): HttpAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`not an HTTP answer: ${raw.toString('latin1').slice(0, 200)}`);
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.subarray(end + 4);
  if (headers.get('transfer-encoding') === 'chunked') body = dechunk(body);
  const text = body.toString('utf8');
  return { status: Number(statusLine.split(' ')[1]), headers, text, ms, json: <T>() => JSON.parse(text) as T };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; ;) {
    const lineEnd = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * A body written in pieces with chunked transfer coding, as a streaming client sends it: there is
 * no Content-Length for the server to refuse early, so a limit must hold while the body arrives.
 */
export function sendChunked(
  server: Listening,
  path: string,
  options: { method: string; headers: Record<string, string>; chunks: readonly string[] },
): Promise<HttpAnswer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: portOf(server), method: options.method, path, headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const headers = new Map(Object.entries(res.headers).map(([name, value]) => [name, String(value)]));
        resolve({ status: res.statusCode ?? 0, headers, text, ms: Date.now() - started, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    for (const chunk of options.chunks) req.write(chunk);
    req.end();
  });
}
