import { describe, expect, it } from 'vitest';
import { bearerTokenMatches, checkHttpRequest, hostAllowed, hostName, originAllowed } from '../../../src/mcp-server/http-guard.js';

const TOKEN = 'token-0123456789abcdef';
const policy = { token: TOKEN, allowedHosts: ['mcp-server'], allowedOrigins: ['http://localhost:6274'] };

describe('bearerTokenMatches', () => {
  it('accepts exactly the configured token after a Bearer scheme', () => {
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(undefined, TOKEN)).toBe(false);
  });
});

describe('host and origin checks', () => {
  it('reads the host name without its port, IPv6 included', () => {
    expect(hostName('127.0.0.1:3100')).toBe('127.0.0.1');
    expect(hostName('[::1]:3100')).toBe('[::1]');
    expect(hostName('LocalHost')).toBe('localhost');
  });

  it('accepts loopback names and configured hosts only', () => {
    expect(hostAllowed('localhost:3100', [])).toBe(true);
    expect(hostAllowed('mcp-server:3100', ['mcp-server'])).toBe(true);
    expect(hostAllowed('attacker.example:3100', [])).toBe(false);
    expect(hostAllowed(undefined, [])).toBe(false);
  });

  it('accepts requests without Origin and exact allowed origins only', () => {
    expect(originAllowed(undefined, [])).toBe(true);
    expect(originAllowed('http://localhost:6274', ['http://localhost:6274/'])).toBe(true);
    expect(originAllowed('http://localhost:6275', ['http://localhost:6274'])).toBe(false);
    expect(originAllowed('null', ['http://localhost:6274'])).toBe(false);
  });
});

describe('checkHttpRequest', () => {
  it('checks Host and Origin before the token, so a rebinding page learns nothing about the token', () => {
    expect(checkHttpRequest({ host: 'evil.example', authorization: 'Bearer wrong' }, policy)).toEqual({ ok: false, status: 403, reason: 'Host header not allowed' });
    expect(checkHttpRequest({ host: 'localhost', origin: 'https://evil.example' }, policy)).toEqual({ ok: false, status: 403, reason: 'Origin not allowed' });
    expect(checkHttpRequest({ host: 'localhost' }, policy)).toEqual({ ok: false, status: 401, reason: 'missing or wrong bearer token' });
    expect(checkHttpRequest({ host: 'localhost', authorization: `Bearer ${TOKEN}` }, policy)).toEqual({ ok: true });
  });
});
