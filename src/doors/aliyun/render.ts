import type { Response } from 'express';
import type { WireError } from '../wireError';
import { sendBody } from '../../http/sendBody';
import { escapeXml } from '../xml';

export type ReplyFormat = 'JSON' | 'XML';

/** What a reply body may hold: the same tree is rendered as JSON or, on request, XML. */
export type ReplyValue = string | number | boolean | null | undefined | { [key: string]: ReplyValue };

export type ReplyBody = Record<string, ReplyValue>;

function toXml(name: string, value: ReplyValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${name}>`;
  }
  // &apos;, as this door always wrote it; the shared escape also drops what XML 1.0 cannot carry.
  return `<${name}>${escapeXml(String(value), '&apos;')}</${name}>`;
}

function send(res: Response, status: number, format: ReplyFormat, root: string, body: Record<string, ReplyValue>): void {
  if (format === 'XML') {
    sendBody(res, status, 'text/xml; charset=utf-8', `<?xml version="1.0" encoding="UTF-8"?>${toXml(root, body)}`);
  } else {
    sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  }
}

export function renderSuccess(res: Response, format: ReplyFormat, action: string, body: Record<string, ReplyValue>): void {
  send(res, 200, format, `${action}Response`, body);
}

export interface ErrorReply {
  wire: WireError;
  message: string;
  requestId: string;
  hostId: string;
  action: string | undefined;
  accessDeniedDetail?: Record<string, string>;
}

/**
 * Alibaba's common error body. An error Alibaba answers with HTTP 200 (BSS -116) keeps the
 * action's own reply shape with Success false, because that is what its clients parse.
 */
export function renderError(res: Response, format: ReplyFormat, reply: ErrorReply): void {
  const { wire, message, requestId } = reply;
  if (wire.status === 200 && reply.action) {
    const body = { Code: wire.code, Message: message, Data: false, RequestId: requestId, Success: false };
    send(res, 200, format, `${reply.action}Response`, body);
    return;
  }
  const body: Record<string, ReplyValue> = {
    RequestId: requestId,
    HostId: reply.hostId,
    Code: wire.code,
    Message: message,
    Recommend: `See docs/errors.md for ${wire.code}.`,
  };
  if (reply.accessDeniedDetail) body.AccessDeniedDetail = reply.accessDeniedDetail;
  send(res, wire.status === 200 ? 400 : wire.status, format, 'Error', body);
}
