import { describe, expect, it } from 'vitest';

import { decideDelivery } from '../../main/engine/conditions';

const off = { skipWithoutPassword: false, includeIpCompromises: false };
const both = { skipWithoutPassword: true, includeIpCompromises: true };

describe('decideDelivery', () => {
  it.each([
    ['Email', true, off, 'pending'],
    ['Email', false, off, 'pending'],
    ['Domain', false, off, 'pending'],
    ['IP', false, off, 'ip-compromise'],
    ['Email', false, { ...off, skipWithoutPassword: true }, 'no-password'],
    ['Email', true, { ...off, skipWithoutPassword: true }, 'pending'],
    ['IP', false, { ...off, includeIpCompromises: true }, 'pending'],
    ['IP', false, both, 'no-password'],
    ['Domain', true, both, 'pending'],
  ] as const)(
    '%s with password=%s under %j → %s',
    (recordType, hasPassword, conditions, expected) => {
      const decision = decideDelivery({ recordType, hasPassword }, conditions);
      const outcome =
        decision.state === 'pending' ? 'pending' : decision.reason;
      expect(outcome).toBe(expected);
    },
  );
});
