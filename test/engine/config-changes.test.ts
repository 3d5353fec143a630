import { afterEach, describe, expect, it } from 'vitest';

import { ConfigValidationError } from '../../main/service/apply-config';
import {
  INTEGRATION,
  seedMappings,
  startHarness,
  type Harness,
} from '../support/harness';

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function integrationConfig(h: Harness, overrides: Record<string, unknown>) {
  return {
    name: INTEGRATION,
    bmsUrl: h.bms.url,
    username: 'svc@msp.example',
    passwordEnv: 'BMS_PASSWORD',
    company: 'Example MSP',
    fieldMappings: seedMappings(),
    ...overrides,
  };
}

function applyIntegrations(h: Harness, integrations: unknown[]) {
  return h.service.apply(
    { integrations },
    { env: { BMS_PASSWORD: h.bmsPassword } },
  );
}

describe('organizations in a configuration', () => {
  it('removing one stops its tickets', async () => {
    const h = await startHarness({ organizationsSelector: [] });
    harness = h;
    const [first, second] = h.seed.dwid.organizations;
    applyIntegrations(h, [
      integrationConfig(h, { organizations: [first?.title, second?.title] }),
    ]);
    await h.service.sync();
    const id = h.service.requireIntegration(INTEGRATION).id;
    expect(h.service.store.associations.listForIntegration(id)).toHaveLength(2);

    applyIntegrations(h, [
      integrationConfig(h, { organizations: [first?.title] }),
    ]);
    expect(h.service.store.associations.listForIntegration(id)).toEqual([
      first?.uuid,
    ]);
  });

  it('moving one to another integration moves it', async () => {
    const h = await startHarness({ organizationsSelector: [] });
    harness = h;
    const org = h.seed.dwid.organizations[0];
    applyIntegrations(h, [
      integrationConfig(h, { organizations: [org?.title] }),
    ]);
    await h.service.sync();
    applyIntegrations(h, [
      integrationConfig(h, { organizations: [] }),
      integrationConfig(h, { name: 'Second BMS', organizations: [org?.title] }),
    ]);
    const second = h.service.requireIntegration('Second BMS').id;
    expect(h.service.store.associations.integrationFor(org?.uuid ?? '')).toBe(
      second,
    );
  });

  it('leaves associations alone when omitted', async () => {
    const h = await startHarness();
    harness = h;
    await h.service.sync();
    const id = h.service.requireIntegration(INTEGRATION).id;
    const before = h.service.store.associations.listForIntegration(id);
    applyIntegrations(h, [integrationConfig(h, {})]);
    expect(h.service.store.associations.listForIntegration(id)).toEqual(before);
  });

  it('records a conflict with another integration', async () => {
    const h = await startHarness({ organizationsSelector: [] });
    harness = h;
    const org = h.seed.dwid.organizations[0];
    applyIntegrations(h, [
      integrationConfig(h, { name: 'A', organizations: [org?.title] }),
    ]);
    await h.service.sync();
    // A file that names the organization only for B, while A keeps it
    // because this file does not mention A.
    applyIntegrations(h, [
      integrationConfig(h, { name: 'B', organizations: [org?.title] }),
    ]);
    await h.service.sync();
    const b = h.service.requireIntegration('B').id;
    const messages = h.service.store.errors.list(b, 20).map(e => e.message);
    expect(messages.some(m => m.includes(`"${org?.title}"`))).toBe(true);
    expect(messages.some(m => m.includes('associated with "A"'))).toBe(true);
  });
});

describe('integration names in a configuration', () => {
  it('rejects a name of invisible characters', async () => {
    const h = await startHarness();
    harness = h;
    let error: unknown;
    try {
      applyIntegrations(h, [integrationConfig(h, { name: '\u200b' })]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).configProblems;
    expect(problems.map(p => p.message)).toContain(
      'must not be only invisible characters',
    );
  });
});

describe('catch-all account', () => {
  it('is checked against cached accounts', async () => {
    const h = await startHarness();
    harness = h;
    await h.service.sync();
    let error: unknown;
    try {
      applyIntegrations(h, [
        integrationConfig(h, {
          fieldMappings: { ...seedMappings(), 'Catchall Account': '17' },
        }),
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).configProblems;
    expect(problems.map(p => p.path)).toEqual([
      `integrations[0] ("${INTEGRATION}").fieldMappings["Catchall Account"]`,
    ]);
    expect(problems[0]?.message).toMatch(/^17 is not among the \d+ active/);
  });

  it('rejections name the BMS reason once', async () => {
    const h = await startHarness({
      fieldMappings: { 'Catchall Account': '17' },
    });
    harness = h;
    const report = await h.service.sync();
    expect(report.integrations[0]?.failed).toBeGreaterThan(0);
    const errors = h.service.store.errors.list(1, 100);
    const rejection = errors.find(e => e.operation === 'createTicket');
    expect(rejection?.message).toBeDefined();
    const text = rejection?.message ?? '';
    expect(text.split('AccountId 17').length - 1).toBe(1);
    const check = errors.find(e => e.operation === 'validate-mappings');
    expect(check?.message).toMatch(/^Catchall Account: 17 is not among/);
  });
});

describe('cache refresh', () => {
  it('records a rate limit that blocks it', async () => {
    const h = await startHarness();
    harness = h;
    h.bms.faults.add({
      kind: 'rate-limit',
      path: '/v2/crm/accounts/lookup',
      times: 100,
      retryAfterSeconds: 3600,
    });
    const report = await h.service.sync();
    expect(report.integrations[0]?.created).toBe(0);
    expect(report.integrations[0]?.error).toMatch(
      /accounts could not be loaded/,
    );
    const errors = h.service.store.errors.list(1, 10);
    expect(errors.some(e => e.code === 'rate-limited')).toBe(true);
    expect(report.integrations[0]?.health).toBe('healthy');
  });
});

describe('source connection', () => {
  it('records a password that no longer decrypts', async () => {
    const h = await startHarness();
    harness = h;
    h.service.store.db
      .prepare('UPDATE source_account SET password_secret = ?')
      .run(Buffer.from('not a ciphertext'));
    const report = await h.service.sync();
    expect(report.source.error).toMatch(/password/i);
    const errors = h.service.store.errors.list(1, 10);
    expect(errors.map(e => e.operation)).toContain('dwid.connect');
    expect(report.integrations[0]?.name).toBe(INTEGRATION);
  });
});
