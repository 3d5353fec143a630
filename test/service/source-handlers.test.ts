import { afterEach, describe, expect, it } from 'vitest';

import {
  EMULATOR_DWID_USERNAME,
  startSeededEmulators,
  type SeededEmulators,
} from '../../main/emulators/seeded-emulators';
import {
  call,
  callError,
  integrationInput,
  openService,
  recordEvents,
} from './service-fixtures';

let emulators: SeededEmulators | undefined;

afterEach(async () => {
  await emulators?.close();
  emulators = undefined;
});

describe('source calls', () => {
  it('returns nulls before the connection is set up', async () => {
    const service = openService();
    expect(await call(service, 'source:get', {})).toEqual({
      url: null,
      username: null,
      hasPassword: false,
      organizationCount: 0,
      organizationsFetchedAt: null,
    });
  });

  it('rejects every invalid field at once', async () => {
    const service = openService();
    const error = await callError(service, 'source:save', {
      url: 'ftp://dwid.example.com',
      username: ' ',
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain(
      'Dark Web ID URL: "ftp://dwid.example.com"',
    );
    expect(error.message).toContain('Username: must not be empty');
    expect(error.message).toContain('Password is required');
    expect(service.store.source.get()).toBeNull();
  });

  it('rejects a URL that is not a URL', async () => {
    const service = openService();
    const error = await callError(service, 'source:save', {
      url: 'not a url',
      username: 'api@msp.example',
      password: 'dwid-password-1',
    });
    expect(error.code).toBe('validation');
    expect(error.message).toContain('"not a url" is not a URL');
  });

  it('keeps the stored password when none is given', async () => {
    const service = openService();
    const events = recordEvents(service);
    await call(service, 'source:save', {
      url: 'http://127.0.0.1:9',
      username: 'api@msp.example',
      password: 'dwid-password-1',
    });
    const view = await call(service, 'source:save', {
      url: 'http://127.0.0.1:10',
      username: 'other@msp.example',
    });
    expect(view.url).toBe('http://127.0.0.1:10');
    expect(view.username).toBe('other@msp.example');
    expect(view.hasPassword).toBe(true);
    expect(service.store.source.getPassword()).toBe('dwid-password-1');
    expect(events).toEqual([
      { type: 'data-changed', scope: 'source' },
      { type: 'data-changed', scope: 'source' },
    ]);
  });

  it('pulls organizations and applies selectors on refresh', async () => {
    emulators = await startSeededEmulators({
      seed: { seed: 3, organizations: 8, compromises: 5 },
    });
    const service = openService();
    await call(service, 'source:save', {
      url: emulators.dwid.url,
      username: EMULATOR_DWID_USERNAME,
      password: emulators.dwidPassword,
    });
    const { id } = await call(
      service,
      'integrations:save',
      integrationInput({ bmsUrl: emulators.bms.url }),
    );
    // As a configuration file with `"organizations": "*"` leaves it.
    service.store.associations.replaceSelectors(id, ['*']);
    const events = recordEvents(service);

    const view = await call(service, 'source:refresh', {});
    expect(view.organizationCount).toBe(
      emulators.seed.dwid.organizations.length,
    );
    expect(view.organizationsFetchedAt).not.toBeNull();
    expect(events).toEqual([{ type: 'data-changed', scope: 'organizations' }]);
    expect(service.store.associations.listForIntegration(id)).toHaveLength(
      view.organizationCount,
    );
  });

  it('rejects a refresh before the connection is set up', async () => {
    const service = openService();
    const error = await callError(service, 'source:refresh', {});
    expect(error.code).toBe('validation');
    expect(error.message).toContain('not set up');
  });
});
