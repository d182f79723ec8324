// Moved to test/kit/http.ts; kept for test/asmx/fastEnvelope.test.ts, which another change is reworking.
export { parseRequestFile, sendRaw, type HttpAnswer as RawResponse, type RawRequest } from '../kit/http';
