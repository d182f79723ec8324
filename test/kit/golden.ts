import { readFileSync, writeFileSync } from 'node:fs';
import type { HttpAnswer } from './http';

/** An answer as a golden response file holds it: status, the headers that matter, a blank line, the body. */
export function renderAnswer(answer: HttpAnswer, headers: readonly string[] = ['Content-Type']): string {
  const lines = [`HTTP ${answer.status}`];
  for (const name of headers) {
    const value = answer.headers.get(name.toLowerCase());
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\n')}\n\n${answer.text}`;
}

/**
 * What differs from run to run becomes a placeholder: tickets and other GUIDs, generated request
 * ids, tokens, times and the server's port. Layout whitespace between tags does not matter.
 */
export function normalise(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g, '{{guid}}')
    .replace(/\b[0-9a-f]{32}\b/g, '{{request-id}}')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '{{time}}')
    .replace(/"(accessToken|refreshToken)":"[^"]*"/g, '"$1":"{{token}}"')
    .replace(/"(expireTime|createTime|refreshExpireTime|refreshCreateTime)":\d{9,}/g, '"$1":{{time}}')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:{{port}}')
    .replace(/>\s+</g, '><')
    .trim();
}

/** Compares with the golden file after normalising both; UPDATE_WIRE=1 rewrites the file instead (review the diff). */
export function expectGolden(file: string, actual: string): void {
  if (process.env.UPDATE_WIRE === '1') writeFileSync(file, `${actual}\n`);
  expect(normalise(actual)).toBe(normalise(readFileSync(file, 'utf8')));
}
