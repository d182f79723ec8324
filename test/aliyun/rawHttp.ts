import { connect } from 'node:net';
import type { CapturedRequest } from './captures';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json(): Record<string, unknown>;
}

function parseResponse(raw: Buffer): RawResponse {
  const text = raw.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    for (let rest = body; ;) {
      const eol = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      out += rest.slice(eol + 2, eol + 2 + size);
      rest = rest.slice(eol + 2 + size + 2);
    }
    body = out;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text: body, json: () => JSON.parse(body) as Record<string, unknown> };
}

/**
 * Sends a captured request byte for byte (its own Host header included, which V3 signs) and
 * reads the whole answer. A chunked capture is re-sent as one chunk: the decoded body is what is signed.
 */
export function replay(port: number, request: CapturedRequest): Promise<RawResponse> {
  const body = Buffer.from(request.body, 'utf8');
  const chunked = request.rawHeaders.some(([name, value]) => name.toLowerCase() === 'transfer-encoding' && value === 'chunked');
  const lines = [`${request.method} ${request.url} HTTP/1.1`];
  for (const [name, value] of request.rawHeaders) {
    lines.push(name.toLowerCase() === 'connection' ? 'Connection: close' : `${name}: ${value}`);
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  const payload = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.concat([head, payload])));
    const parts: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.on('end', () => resolve(parseResponse(Buffer.concat(parts))));
    socket.on('error', reject);
  });
}
