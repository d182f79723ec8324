import { escapeXml as escapeMarkup } from '../xml';
import { ASMX_OPERATIONS, ASMX_SERVICE, findAsmxOperation, type AsmxOperation } from './operationList';
import { operationSamples, type OperationSample } from './operationSamples';
import { parseServiceUrl } from './serviceUrl';

const STYLE = `body { background: #fff; color: #000; margin: 0; font-family: Verdana, sans-serif; font-size: 0.8em; }
#content { margin: 0 2em 2em 2em; }
.heading1 { display: block; margin: 0 -2em; padding: 0.6em 2em; background: #036; color: #fff; font: bold 2em Tahoma, sans-serif; }
pre { background: #e5e5cc; padding: 5px; font-family: 'Courier New', monospace; font-size: 1em; white-space: pre-wrap; }
.value { color: #00f; font-weight: bold; }
th, td { text-align: left; padding: 4px; }
input[type='text'] { width: 30em; }`;

function page(body: string): string {
  const title = escapeMarkup(`${ASMX_SERVICE.name} Web Service`);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
${STYLE}
</style>
</head>
<body>
<div id="content">
<h1 class="heading1">${escapeMarkup(ASMX_SERVICE.name)}</h1>
${body}
</div>
</body>
</html>
`;
}

function operationListItem(fileName: string, operation: AsmxOperation): string {
  const name = escapeMarkup(operation.name);
  return `<li><a href="${escapeMarkup(fileName)}?op=${name}">${name}</a><br><span>${escapeMarkup(operation.description)}</span></li>`;
}

/** GET srv.asmx: the service and its operations, each linking to its ?op= page. */
// Links are relative to the .asmx file, as ASMX writes them, so the pages keep working behind a path prefix.
export function renderHelpPage(serviceUrl: string): string {
  const { fileName } = parseServiceUrl(serviceUrl);
  return page(`<p>${escapeMarkup(ASMX_SERVICE.description)}</p>
<p class="intro">The following operations are supported. For a formal definition, please review the <a href="${escapeMarkup(fileName)}?WSDL">Service Description</a>.</p>
<ul>
${ASMX_OPERATIONS.map((operation) => operationListItem(fileName, operation)).join('\n')}
</ul>`);
}

function testForm(fileName: string, operation: AsmxOperation): string {
  const rows = operation.params.map((param) => {
    const name = escapeMarkup(param.name);
    return `<tr><td>${name}:</td><td><input type="text" name="${name}"></td></tr>`;
  });
  return `<h3>Test</h3>
<p>To test the operation using the HTTP POST protocol, click the 'Invoke' button.</p>
<form target="_blank" action="${escapeMarkup(fileName)}/${escapeMarkup(operation.name)}" method="POST">
<table>
<tr><th>Parameter</th><th>Value</th></tr>
${rows.join('\n')}
<tr><td></td><td><input type="submit" value="Invoke"></td></tr>
</table>
</form>`;
}

function sampleSection(sample: OperationSample): string {
  return `<h3>${escapeMarkup(sample.title)}</h3>
<p>The following is a sample ${escapeMarkup(sample.title)} request and response. The <span class="value">placeholders</span> shown need to be replaced with actual values.</p>
<pre>${sample.request}</pre>
<pre>${sample.response}</pre>`;
}

/** GET srv.asmx?op=Name: null for a name that is not an operation, matched case-sensitively as ASMX does. */
export function renderOperationPage(serviceUrl: string, op: string): string | null {
  const operation = findAsmxOperation(op);
  if (!operation) return null;
  const url = parseServiceUrl(serviceUrl);
  return page(`<p class="intro">Click <a href="${escapeMarkup(url.fileName)}">here</a> for a complete list of operations.</p>
<h2>${escapeMarkup(operation.name)}</h2>
<p class="intro">${escapeMarkup(operation.description)}</p>
${testForm(url.fileName, operation)}
${operationSamples(operation, url).map(sampleSection).join('\n')}`);
}
