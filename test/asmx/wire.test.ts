import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORDS } from '../kit/demo';
import { expectGolden, renderAnswer } from '../kit/golden';
import { parseRequestFile, sendRaw } from '../kit/http';
import { startTestServer, type TestServer } from '../kit/server';

/**
 * Golden wire fixtures: test/wire/asmx/<Operation>__<case>/request.http is replayed byte for byte
 * against a fresh demo server and the answer compared with response.http after whitespace
 * normalisation. A setup.http, when present, is sent first. {{ticket:NAME}} in a request becomes a
 * live ticket of that demo user; {{ticket:NAME:loggedout}} one that was logged out.
 * The headers compared are Content-Type and any other the response file names (Cache-Control).
 * Where bytes matter (line ends, indentation, a final line break), a response.body file holds the
 * body exactly, and the answer's body must equal it byte for byte after the run-to-run values
 * (tickets, times, ports) are replaced.
 * UPDATE_WIRE=1 rewrites the response files (review the diff before committing).
 */
const ROOT = join(__dirname, '..', 'wire', 'asmx');

async function ticketFor(server: TestServer, userName: string, loggedOut: boolean): Promise<string> {
  const { ticket } = await server.engine.logonWithTicket(userName, DEMO_PASSWORDS[userName]);
  if (loggedOut) await server.engine.endSession('ticket', ticket);
  return ticket;
}

async function fillPlaceholders(server: TestServer, text: string): Promise<string> {
  let out = text;
  for (const match of text.matchAll(/\{\{ticket:(\w+)(:loggedout)?\}\}/g)) {
    out = out.replace(match[0], await ticketFor(server, match[1], Boolean(match[2])));
  }
  return out;
}

const cases = readdirSync(ROOT).sort();

/** The header names a golden response file lists, Content-Type always among them. */
function headersNamed(golden: string): string[] {
  const names = ['Content-Type'];
  for (const line of golden.split('\n').slice(1)) {
    if (line.trim() === '') break;
    const name = line.slice(0, line.indexOf(':'));
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Run-to-run values only; white space and line ends stay as they are. */
function placeholders(text: string): string {
  return text
    .replace(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g, '{{guid}}')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '{{time}}')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:{{port}}');
}

describe('asmx golden wire fixtures', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('has a fixture for every operation', () => {
    const operations = new Set(cases.map((name) => name.split('__')[0]));
    expect([...operations].sort()).toEqual(['AuthenticateUser', 'ChangeUserStatus', 'GetUser', 'LogOut', 'Service']);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(ROOT, name);
    const setup = join(dir, 'setup.http');
    if (existsSync(setup)) {
      const answer = await sendRaw(server.port, parseRequestFile(readFileSync(setup, 'utf8')));
      expect(answer.status).toBe(200);
    }
    const request = parseRequestFile(await fillPlaceholders(server, readFileSync(join(dir, 'request.http'), 'utf8')));
    const goldenFile = join(dir, 'response.http');
    const answer = await sendRaw(server, request);
    expectGolden(goldenFile, renderAnswer(answer, headersNamed(readFileSync(goldenFile, 'utf8'))));
    const exactFile = join(dir, 'response.body');
    if (existsSync(exactFile)) {
      if (process.env.UPDATE_WIRE === '1') writeFileSync(exactFile, answer.text);
      expect(placeholders(answer.text)).toBe(placeholders(readFileSync(exactFile, 'utf8')));
    }
  });
});
