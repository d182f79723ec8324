import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeXml as escapeMarkup } from '../xml';

// src/doors/asmx under ts-jest and dist/doors/asmx after tsc are both three levels below the repo root.
export const WSDL_FILE = join(__dirname, '..', '..', '..', 'wsdl', 'srv.wsdl');

/** The address the committed WSDL carries; every port's location attribute is rewritten per request. */
export const WSDL_PLACEHOLDER_URL = 'http://localhost/srv.asmx';

const PLACEHOLDER_LOCATION = `location="${WSDL_PLACEHOLDER_URL}"`;

let template: string | undefined;

/** As .NET on Windows writes it: CRLF line ends and no final line break, whatever the committed file uses. */
function wsdlTemplate(): string {
  template ??= readFileSync(WSDL_FILE, 'utf8')
    .replace(/\r?\n/g, '\r\n')
    .replace(/(\r\n)+$/, '');
  return template;
}

/** The WSDL with every port addressed at serviceUrl, which the caller builds from the Host the client used. */
export function renderWsdl(serviceUrl: string): string {
  return wsdlTemplate()
    .split(PLACEHOLDER_LOCATION)
    .join(`location="${escapeMarkup(serviceUrl)}"`);
}
