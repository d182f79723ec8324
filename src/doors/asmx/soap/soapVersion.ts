export interface SoapVersion {
  label: '1.1' | '1.2';
  door: 'asmx-soap11' | 'asmx-soap12';
  envelopeNs: string;
  contentType: string;
  /** Fault codes differ by version: Client/Server in 1.1, Sender/Receiver in 1.2. */
  clientCode: string;
  serverCode: string;
}

export const SOAP11: SoapVersion = {
  label: '1.1',
  door: 'asmx-soap11',
  envelopeNs: 'http://schemas.xmlsoap.org/soap/envelope/',
  contentType: 'text/xml; charset=utf-8',
  clientCode: 'soap:Client',
  serverCode: 'soap:Server',
};

export const SOAP12: SoapVersion = {
  label: '1.2',
  door: 'asmx-soap12',
  envelopeNs: 'http://www.w3.org/2003/05/soap-envelope',
  contentType: 'application/soap+xml; charset=utf-8',
  clientCode: 'soap:Sender',
  serverCode: 'soap:Receiver',
};
