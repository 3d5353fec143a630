import { describe, expect, it } from 'vitest';

import { deriveApiBaseUrl } from '../../main/clients/bms/api-base-url';
import { ConnectorError } from '../../main/errors';

describe('deriveApiBaseUrl', () => {
  const cases: [string, string][] = [
    ['bms.kaseya.com', 'https://api.bms.kaseya.com'],
    ['BMS.Kaseya.com', 'https://api.bms.kaseya.com'],
    ['https://bmsemea.kaseya.com/', 'https://api.bmsemea.kaseya.com'],
    [
      'https://bmsapac.kaseya.com/app/login?x=1',
      'https://api.bmsapac.kaseya.com',
    ],
    ['  bms.kaseya.com//  ', 'https://api.bms.kaseya.com'],
    ['api.bms.kaseya.com', 'https://api.bms.kaseya.com'],
    ['https://api.vorexlogin.com/', 'https://api.vorexlogin.com'],
    ['https://bms.example.org:8443/x', 'https://api.bms.example.org:8443'],
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100'],
    ['http://127.0.0.1:4100/', 'http://127.0.0.1:4100'],
    ['http://localhost:4100', 'http://localhost:4100'],
    ['http://127.0.0.1:4100/bms', 'http://127.0.0.1:4100/bms'],
    ['https://127.0.0.1:4100/', 'https://127.0.0.1:4100'],
    ['http://[::1]:4100', 'http://[::1]:4100'],
  ];

  it.each(cases)('maps %s', (input, expected) => {
    expect(deriveApiBaseUrl(input)).toBe(expected);
  });

  const junk: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['http://bms.kaseya.com', /unencrypted/],
    ['ftp://bms.kaseya.com', /unsupported scheme/],
    ['foo://127.0.0.1:1/x', /unsupported scheme "foo:"/],
    ['ftp://127.0.0.1:1', /unsupported scheme "ftp:"/],
    ['ws://[::1]:5', /unsupported scheme "ws:"/],
    ['wss://localhost:4100', /unsupported scheme "wss:"/],
    ['bms kaseya com', /not a host name or URL|not a valid host name/],
    ['localhostish', /not a valid host name/],
    ['https://bms_kaseya.com', /not a valid host name/],
  ];

  it.each(junk)('rejects "%s"', (input, reason) => {
    let error: unknown;
    try {
      deriveApiBaseUrl(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('validation');
    expect((error as ConnectorError).message).toMatch(reason);
    expect((error as ConnectorError).message).toContain('bms.kaseya.com');
  });

  it('does not echo credentials in the URL', () => {
    let message = '';
    try {
      deriveApiBaseUrl('https://admin:canary-secret@bms.kaseya.com');
    } catch (caught) {
      message = String(caught);
    }
    expect(message).toContain('user name or password');
    expect(message).not.toContain('canary-secret');
  });
});
