import { ConfigError, loadConfig } from '../src/config';
import { trustedProxies } from '../src/http/clientAddress';

describe('STATUSBRIDGE_METRICS and STATUSBRIDGE_TRUST_PROXY', () => {
  it.each(['on', 'off', '1', '9464', '65535'])('accepts STATUSBRIDGE_METRICS=%s', (value) => {
    expect(loadConfig({ STATUSBRIDGE_METRICS: value }).metrics).toBe(value);
  });

  it.each(['0', '65536', '08080', 'yes', '-1'])('refuses STATUSBRIDGE_METRICS=%s, naming it', (value) => {
    expect(() => loadConfig({ STATUSBRIDGE_METRICS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ STATUSBRIDGE_METRICS: value })).toThrow(/STATUSBRIDGE_METRICS/);
  });

  it('defaults to metrics on the main port and no trusted proxy', () => {
    const config = loadConfig({});
    expect(config.metrics).toBe('on');
    expect(config.trustProxy).toBeNull();
    expect(trustedProxies(config.trustProxy).size).toBe(0);
  });

  it('reads a list of proxy addresses, IPv4-mapped IPv6 as IPv4, and refuses what is not an address', () => {
    const config = loadConfig({ STATUSBRIDGE_TRUST_PROXY: '10.0.0.2, ::ffff:10.0.0.3,::1' });
    expect([...trustedProxies(config.trustProxy)]).toEqual(['10.0.0.2', '10.0.0.3', '::1']);
    expect(() => loadConfig({ STATUSBRIDGE_TRUST_PROXY: 'proxy.example' })).toThrow(/STATUSBRIDGE_TRUST_PROXY/);
    expect(() => trustedProxies('10.0.0.300')).toThrow(/not an IP address/);
  });
});
