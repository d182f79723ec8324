import { ALIYUN_DOOR_ERRORS, ALIYUN_ENGINE_ERRORS, CLOUDSSO_ENGINE_OVERRIDES } from '../doors/aliyun/errorTable';
import { ASMX_DEVIATIONS } from '../doors/asmx/deviations';
import { ASMX_DOOR_ERRORS, ASMX_ENGINE_ERRORS } from '../doors/asmx/errorTable';
import { HUAWEI_DOOR_ERRORS, HUAWEI_ENGINE_ERRORS } from '../doors/huawei/errorTable';
import { HUAWEI_MESSAGES } from '../doors/huawei/messages';
import { SCIM_DOOR_ERRORS, SCIM_ENGINE_ERRORS } from '../doors/scim/errorTable';
import type { EngineErrorTable, WireError } from '../doors/wireError';
import { ENGINE_ERRORS, ENGINE_ERROR_CODES } from '../engine';

const cell = (text: string | number): string => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ') || '(empty)';

function engineTable(table: EngineErrorTable, extra?: (code: string, row: WireError) => string[]): string[] {
  const header = extra
    ? ['Engine error', 'HTTP', 'Wire code', 'Text', 'Chinese text', 'Meaning']
    : ['Engine error', 'HTTP', 'Wire code', 'Text', 'Meaning'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const code of ENGINE_ERROR_CODES) {
    const row = table[code];
    const cells = [code, row.status, row.code, row.message, ...(extra ? extra(code, row) : []), row.meaning];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return lines;
}

function doorTable(table: Record<string, WireError>, extra?: (row: WireError) => string[]): string[] {
  const header = extra ? ['HTTP', 'Wire code', 'Text', 'Chinese text', 'Meaning'] : ['HTTP', 'Wire code', 'Text', 'Meaning'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of Object.values(table)) {
    const cells = [row.status, row.code, row.message, ...(extra ? extra(row) : []), row.meaning];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return lines;
}

const chinese = (row: WireError): string[] => [HUAWEI_MESSAGES[row.code]?.['zh-CN'] ?? ''];

/** docs/errors.md, generated from the catalogue and the doors' tables (`npm run docs:errors`); a test keeps it fresh. */
export function renderErrorsMarkdown(): string {
  const out: string[] = [
    '# statusbridge errors',
    '',
    "Generated from `src/engine/errors.ts` and each door's `errorTable.ts` by `npm run docs:errors`; a test fails when this file is stale.",
    '',
    '## Engine errors',
    '',
    'Every rule the engine enforces fails with one of these codes. Each door maps every one of them to its own wire code below.',
    '',
    '| Engine error | Meaning |',
    '|---|---|',
    ...ENGINE_ERROR_CODES.map((code) => `| ${code} | ${cell(ENGINE_ERRORS[code])} |`),
    '',
    '## asmx door (`/srv.asmx`, infoRouter)',
    '',
    'Business failures are not SOAP faults: they are `success="false"` results, `<response success="false" error="TEXT" />` (or `<root .../>` for AuthenticateUser), with HTTP 200, on every binding.',
    '',
    ...engineTable(ASMX_ENGINE_ERRORS),
    '',
    'Answers the door gives itself, as ASP.NET ASMX gives them (`{0}` stands for the value concerned):',
    '',
    ...doorTable(ASMX_DOOR_ERRORS),
    '',
    "Where the door keeps its own behaviour rather than ASMX's, and why:",
    '',
    ...ASMX_DEVIATIONS.map((text) => `- ${text}`),
    '',
    '## aliyun door (`/`, Alibaba Cloud RPC)',
    '',
    'Errors are `{"RequestId","HostId","Code","Message","Recommend"}` (plus `AccessDeniedDetail` for permission refusals) with the HTTP status shown; XML only when the caller asks `Format=XML`.',
    '',
    ...engineTable(ALIYUN_ENGINE_ERRORS),
    '',
    `CloudSSO \`UpdateUserStatus\` renders these engine errors with other codes: ${Object.entries(CLOUDSSO_ENGINE_OVERRIDES)
      .map(([engine, code]) => `${engine} → \`${code}\``)
      .join(', ')}.`,
    '',
    ...doorTable(ALIYUN_DOOR_ERRORS),
    '',
    '## huawei door (`/v1/usg`, `/v2/usg`, Huawei Cloud Meeting)',
    '',
    'Errors are `{"error_code","error_msg","request_id"}`; `error_msg` is Chinese unless the caller sends `Accept-Language: en-US`.',
    '',
    ...engineTable(HUAWEI_ENGINE_ERRORS, (_code, row) => chinese(row)),
    '',
    ...doorTable(HUAWEI_DOOR_ERRORS, chinese),
    '',
    '## scim door (`/scim/v2`, SCIM 2.0 for identity providers)',
    '',
    'Errors are RFC 7644 §3.12 bodies, `{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status","scimType","detail"}`, as `application/scim+json`; the wire code column is `scimType` (absent where it is empty), and `detail` carries the engine\'s reason.',
    '',
    ...engineTable(SCIM_ENGINE_ERRORS),
    '',
    ...doorTable(SCIM_DOOR_ERRORS),
    '',
  ];
  return out.join('\n');
}
