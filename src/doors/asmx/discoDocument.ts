import { escapeXml as escapeMarkup } from '../xml';
import { ASMX_SERVICE } from './operationList';

/** The ?disco document, element for element as ASMX writes it, with CRLF line ends and no final one. */
export function renderDisco(serviceUrl: string): string {
  const url = escapeMarkup(serviceUrl);
  const { name, namespace } = ASMX_SERVICE;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<discovery xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.xmlsoap.org/disco/">',
    `  <contractRef ref="${url}?wsdl" docRef="${url}" xmlns="http://schemas.xmlsoap.org/disco/scl/" />`,
    `  <soap address="${url}" xmlns:q1="${namespace}" binding="q1:${name}Soap" xmlns="http://schemas.xmlsoap.org/disco/soap/" />`,
    `  <soap address="${url}" xmlns:q2="${namespace}" binding="q2:${name}Soap12" xmlns="http://schemas.xmlsoap.org/disco/soap/" />`,
    '</discovery>',
  ].join('\r\n');
}
