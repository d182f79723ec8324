export interface ServiceUrlParts {
  /** As the client sent it in Host, port included. */
  readonly host: string;
  /** Absolute path of the .asmx file, e.g. /srv.asmx. */
  readonly path: string;
  /** Last path segment, for the relative links ASMX puts in its pages. */
  readonly fileName: string;
}

const DEFAULT_PATH = '/srv.asmx';

// A regular expression rather than new URL(): a hostile Host header must still render (escaped) instead of throwing.
const SERVICE_URL = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/;

export function parseServiceUrl(serviceUrl: string): ServiceUrlParts {
  const match = SERVICE_URL.exec(serviceUrl);
  const host = match?.[1] ?? '';
  const path = match?.[2] || DEFAULT_PATH;
  const fileName = path.slice(path.lastIndexOf('/') + 1) || DEFAULT_PATH.slice(1);
  return { host, path, fileName };
}
