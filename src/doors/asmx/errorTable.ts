import type { EngineErrorTable, WireError } from '../wireError';

/**
 * infoRouter answers business failures inside the method result, not as faults:
 * `<response success="false" error="..."/>`, HTTP 200. Texts the seed names are kept verbatim.
 */
const inBand = (code: string, message: string, meaning: string): WireError => ({ status: 200, code, message, meaning });

export const ASMX_ENGINE_ERRORS: EngineErrorTable = {
  AUTHENTICATION_FAILED: inBand('[900]', '[900] Authentication failed', 'No or empty ticket, or a wrong user name or password.'),
  ACCOUNT_DISABLED: inBand('[900]', '[900] Authentication failed', 'The account is disabled; the answer does not reveal that it exists.'),
  ACCOUNT_LOCKED: inBand(
    '[900]',
    '[900] Authentication failed',
    'Too many failed logons locked the account for a while; answered like a wrong password.',
  ),
  SESSION_INVALID: inBand(
    '[901]',
    '[901] Session expired or Invalid ticket',
    'The ticket is unknown, expired or logged out, or its user was disabled.',
  ),
  ACCESS_DENIED: inBand('Access denied', 'Access denied', 'The caller is not a system administrator.'),
  USER_NOT_FOUND: inBand('User not found', 'User not found', 'No user has this user name.'),
  DIRECTORY_NOT_FOUND: inBand('[903]', '[903] Directory not found', 'The user names a directory that does not exist.'),
  USER_EXISTS: inBand('[904]', '[904] User already exists', 'A user with this name or identifier exists already.'),
  DIRECTORY_EXISTS: inBand('[905]', '[905] Directory already exists', 'A directory with this id exists already.'),
  INVALID_ARGUMENT: inBand('[902]', '[902] Invalid argument', 'A parameter has a value the operation does not accept.'),
  SEAT_LIMIT_REACHED: inBand('[906]', '[906] Seat limit reached', 'Enabling the user would take its directory past its seat limit.'),
  LAST_ADMIN: inBand(
    '[907]',
    '[907] The last administrator cannot be disabled',
    'Disabling this user would leave no enabled system administrator.',
  ),
  NOT_HOSTED: inBand('[908]', '[908] The account is not under trusteeship', 'A trusteeship can only be cancelled while it is active.'),
  VERSION_CONFLICT: inBand(
    '[902]',
    '[902] Invalid argument',
    'Never raised here (no operation names a version); listed so that every engine error has a row.',
  ),
  NONCE_REPLAYED: inBand('[909]', '[909] Request replayed', 'A signed request was sent twice.'),
  KEY_NOT_FOUND: inBand('[900]', '[900] Authentication failed', 'The credential names no active key.'),
  STORE_UNAVAILABLE: inBand(
    'SystemError',
    'SystemError:Service unavailable, try again later',
    'The database cannot be reached; nothing was changed.',
  ),
  INTERNAL: inBand(
    'SystemError',
    'SystemError:Internal error',
    'An unexpected server-side error; details are in the server log under the request id, never on the wire.',
  ),
};

/** Answers the asmx door gives before the engine is asked, as ASP.NET ASMX gives them. */
export const ASMX_DOOR_ERRORS = {
  INVALID_STATUS_CODE: inBand(
    '[902]',
    '[902] Invalid StatusCode: use 0 to disable or 1 to enable',
    'StatusCode was an integer other than 0 or 1.',
  ),
  MISSING_PARAMETER: {
    status: 500,
    code: 'Missing parameter',
    message: 'Missing parameter: {0}.',
    meaning: 'HTTP GET or POST binding: a parameter of the method is absent (text/plain).',
  },
  NOT_AN_INT: {
    status: 500,
    code: 'Cannot convert',
    message: 'Cannot convert {0} to System.Int32.\nParameter name: type ---> Input string was not in a correct format.',
    meaning: 'HTTP GET or POST binding: an int parameter is not a whole number as System.Int32 reads one (text/plain).',
  },
  INT_OVERFLOW: {
    status: 500,
    code: 'Cannot convert',
    message: 'Cannot convert {0} to System.Int32.\nParameter name: type ---> Value was either too large or too small for an Int32.',
    meaning: 'HTTP GET or POST binding: an int parameter is outside the range of System.Int32 (text/plain).',
  },
  METHOD_CASE: {
    status: 500,
    code: 'Invalid method name',
    message:
      "Invalid method name '{0}',  method names are case sensitive.   The method name '{1}' with the same name but different casing was found.\nParameter name: methodName",
    meaning: 'HTTP GET or POST binding: the method exists with other casing (text/plain; the spaces are those of the .NET resource).',
  },
  UNKNOWN_METHOD: {
    status: 500,
    code: 'Web Service method name is not valid',
    message: '{0} Web Service method name is not valid.',
    meaning: 'HTTP GET or POST binding: no such method, or a method name followed by a slash (text/plain).',
  },
  FORM_CONTENT_TYPE: {
    status: 500,
    code: 'Request format is invalid',
    message: 'Request format is invalid: {0}.',
    meaning: 'HTTP POST binding: the body is not application/x-www-form-urlencoded; the whole Content-Type header is named (text/plain).',
  },
  DANGEROUS_VALUE: {
    status: 500,
    code: 'A potentially dangerous value',
    message: 'A potentially dangerous {0} value was detected from the client ({1}).',
    meaning:
      "HTTP GET or POST binding: ASP.NET's request validation refused a value holding '<' followed by a letter, '!', '/' or '?', or '&#' (text/plain).",
  },
  UNRECOGNIZED_URL: {
    status: 500,
    code: 'Request format is unrecognized',
    message: "Request format is unrecognized for URL unexpectedly ending in '{0}'.",
    meaning: 'GET /srv.asmx/, or a verb other than GET and POST on /srv.asmx/<Method> (an HTML error page).',
  },
  UNKNOWN_SOAP_ACTION: {
    status: 500,
    code: 'soap:Client',
    message: 'Server did not recognize the value of HTTP Header SOAPAction: {0}.',
    meaning: 'SOAP: the SOAPAction header (1.1) or action parameter (1.2) names no operation.',
  },
  VERSION_MISMATCH: {
    status: 500,
    code: 'soap:VersionMismatch',
    message: 'Possible SOAP version mismatch: Envelope namespace {0} was unexpected. Expecting {1}.',
    meaning: 'SOAP: the envelope namespace does not match the content type.',
  },
  UNREADABLE_REQUEST: {
    status: 500,
    code: 'soap:Client',
    message: 'Server was unable to read request. ---> {0}',
    meaning:
      'SOAP: the envelope parsed but is refused: too many or too deeply nested elements, too many attributes on one element or in all, a name too long, a wrong body element, a missing StatusCode, or an int System.Int32 cannot read (with the reader position, as XmlSerializer words it).',
  },
  MUST_UNDERSTAND: {
    status: 500,
    code: 'soap:MustUnderstand',
    message: 'SOAP header {0} was not understood.',
    meaning: 'SOAP: a header marked mustUnderstand that this service does not process, named by its local name; the fault has no detail.',
  },
  SERVER_FAULT: {
    status: 500,
    code: 'soap:Server',
    message: 'Server was unable to process request. ---> {0}',
    meaning: 'SOAP: an unexpected error while processing; the short message only, never a stack trace.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    code: '415',
    message: '',
    meaning:
      'POST /srv.asmx with a content type that is neither text/xml nor application/soap+xml (JSON included), or a SOAP 1.1 envelope sent as application/soap+xml (empty body, text/xml).',
  },
  MALFORMED_XML: {
    status: 400,
    code: '400',
    message: '',
    meaning:
      'The SOAP body is empty, is not well-formed XML, or holds a DTD (empty body; text/xml, or application/soap+xml for a SOAP 1.2 request).',
  },
  BODY_TOO_LARGE: {
    status: 413,
    code: '413',
    message: '',
    meaning:
      'The body is larger than STATUSBRIDGE_MAX_BODY_BYTES; refused before parsing (empty body). The rest of the body is read and discarded, up to STATUSBRIDGE_MAX_DISCARD_BYTES, so that a client still sending gets the answer.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    code: '405',
    message: 'Request format is unrecognized.',
    meaning: 'A verb other than GET or POST on /srv.asmx, HEAD included (a small HTML error page; HEAD gets no body).',
  },
} satisfies Record<string, WireError>;
