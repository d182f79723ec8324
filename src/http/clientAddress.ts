import { isIP } from 'node:net';
import type { Request } from 'express';
import { ConfigError } from '../config';

/** The client as far as it can be believed: its address and the scheme it used. */
export interface Client {
  address: string;
  proto: 'http' | 'https';
}

/** '::ffff:127.0.0.1' and '127.0.0.1' are one client. */
const plain = (address: string): string => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/** The trusted proxies of STATUSBRIDGE_TRUST_PROXY; throws on an entry that is not an IP address. */
export function trustedProxies(setting: string | null): ReadonlySet<string> {
  const addresses = (setting ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const address of addresses) if (!isIP(address)) throw new ConfigError(`STATUSBRIDGE_TRUST_PROXY: '${address}' is not an IP address`);
  return new Set(addresses.map(plain));
}

function lastHeader(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The socket's peer, unless the peer is a trusted proxy: then X-Forwarded-For is read from the
 * right, each trusted hop skipped, and the first address no trusted proxy vouches for is the
 * client. X-Forwarded-Proto is believed only from a trusted peer too. With no proxy trusted the
 * headers are ignored, even from loopback: anyone can send them.
 */
export function clientOf(req: Request, trusted: ReadonlySet<string>): Client {
  const peer = plain(req.socket.remoteAddress ?? '');
  const ownProto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  if (trusted.size === 0 || !trusted.has(peer)) return { address: peer, proto: ownProto };
  let address = peer;
  const forwarded = lastHeader(req, 'x-forwarded-for');
  if (forwarded) {
    const hops = forwarded.split(',').map((hop) => plain(hop.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!isIP(hops[i])) break;
      address = hops[i];
      if (!trusted.has(hops[i])) break;
    }
  }
  const proto = lastHeader(req, 'x-forwarded-proto')?.split(',')[0].trim().toLowerCase();
  return { address, proto: proto === 'https' || proto === 'http' ? proto : ownProto };
}
