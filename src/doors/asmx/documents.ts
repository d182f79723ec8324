/** The documents srv.asmx serves besides operation results: WSDL, disco and the HTML help pages. */
export { renderWsdl, WSDL_FILE, WSDL_PLACEHOLDER_URL } from './wsdlDocument';
export { renderDisco } from './discoDocument';
export { renderHelpPage, renderOperationPage } from './helpPages';
export { ASMX_OPERATIONS, ASMX_SERVICE, findAsmxOperation, soapActionOf } from './operationList';
export type { AsmxOperation, AsmxParam, AsmxParamType } from './operationList';
