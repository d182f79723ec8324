/**
 * Where the asmx door answers otherwise than ASP.NET ASMX, on purpose, each with its reason.
 * docs/errors.md lists them under the door's table; the README says the same in prose.
 */
export const ASMX_DEVIATIONS: readonly string[] = [
  'A SOAP request without a StatusCode element is refused (`There is an error in XML document: StatusCode is missing.`). ASMX leaves the int at 0 and disables the account: a client that forgot an element would silently switch someone off, so we refuse and change nothing.',
  "A SOAPAction naming one operation while the body names another, and a body element outside `http://tempuri.org/`, are refused with the fault `<X xmlns='ns'> was not expected.` ASMX runs the named operation with null arguments and answers `[900] Authentication failed` in band. Neither changes any state; the fault names the real mistake, where `[900]` would send the client after its credentials.",
  'GET and form POST string values lose surrounding ASCII white space (tab, LF, VT, FF, CR, space), nothing else. ASMX passes them untrimmed, but the seed prints its form example one pair per line, and that example must work as printed. Only ASCII white space: it is what Int32 parsing skips too, it is what a wrapped example adds, and a non-breaking or other Unicode space is part of the value (a user name with one names another user). SOAP values are taken as sent, as in ASMX.',
  "The WSDL's and disco's addresses copy the Host header verbatim, port included; ASMX takes the host name with the server's own port. Verbatim works behind a proxy or a port mapping.",
  'When neither the SOAP 1.2 action parameter nor the body element names an operation, the fault keeps the SOAPAction wording and names the action parameter.',
  "HTML error pages (405 on `/srv.asmx`, 500 for `GET /srv.asmx/` and other verbs on a method) carry ASP.NET's status and `text/html`; the page itself is ours and names the reason, where a default install with customErrors On shows its generic Runtime Error page.",
];
