import { describe, expect, it } from 'vitest';

import { redactText, registerSecret } from '../../main/log/logger';

describe('redactText', () => {
  it('masks a registered secret and its URL encoding', () => {
    registerSecret('S3cr&t pass');
    expect(redactText('login with S3cr&t pass failed')).toBe(
      'login with [redacted] failed',
    );
    expect(redactText('Password=S3cr%26t%20pass&x=1')).not.toContain('S3cr');
  });

  it('masks bearer and basic credentials', () => {
    const line = 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def';
    expect(redactText(line)).toBe('Authorization: [redacted]');
    expect(redactText('sent Basic YXBpOnNlY3JldHBhc3N3b3Jk')).toBe(
      'sent [redacted]',
    );
  });

  it('masks password and token fields', () => {
    expect(redactText('{"password":"hunter22"}')).toBe(
      '{"password":"[redacted]"}',
    );
    expect(redactText('accessToken=abc123def')).toBe('accessToken=[redacted]');
  });

  it('keeps fields that only mention a password', () => {
    const line = '{"hasPassword":true,"passwordEnv":"BMS_PASSWORD"}';
    expect(redactText(line)).toBe(line);
    expect(() => JSON.parse(redactText(line)) as unknown).not.toThrow();
  });
});
