import { describe, expect, it } from 'vitest';

import type { IntegrationDetail } from '../../shared/contract/models';
import { REQUIRED_FIELD_LABELS } from '../../shared/ticket-fields';
import {
  emptyIntegrationForm,
  formPathOfField,
  integrationFormFromDetail,
  toIntegrationInput,
} from '../../renderer/src/screens/integration-edit/integration-form';

const DETAIL: IntegrationDetail = {
  id: 4,
  name: 'Main BMS',
  bmsUrl: 'bms.kaseya.com',
  username: 'svc@msp.example',
  company: 'Example MSP',
  hasPassword: true,
  conditions: { skipWithoutPassword: true, includeIpCompromises: false },
  fieldMappings: [
    { field: 'Queue', content: '7' },
    { field: 'Title', content: 'Leak: [search_value]' },
    { field: 'Legacy Field', content: 'x' },
  ],
  health: 'healthy',
  consecutiveFailures: 0,
  errors: [],
  lastSyncAt: null,
  cacheFetchedAt: null,
};

describe('integration form', () => {
  it('starts with the eight required rows', () => {
    const fields = emptyIntegrationForm().fieldMappings.map(row => row.field);
    expect(fields).toEqual(REQUIRED_FIELD_LABELS);
  });

  it('starts with both conditions off', () => {
    expect(emptyIntegrationForm().conditions).toEqual({
      skipWithoutPassword: false,
      includeIpCompromises: false,
    });
  });

  it('orders stored rows by catalogue', () => {
    const form = integrationFormFromDetail(DETAIL);
    const fields = form.fieldMappings.map(row => row.field);
    expect(fields).toEqual([...REQUIRED_FIELD_LABELS, 'Queue', 'Legacy Field']);
    const title = form.fieldMappings.find(row => row.field === 'Title');
    expect(title?.content).toBe('Leak: [search_value]');
  });

  it('never fills the password field', () => {
    expect(integrationFormFromDetail(DETAIL).password).toBe('');
  });

  it('omits an empty password from the input', () => {
    const input = toIntegrationInput(integrationFormFromDetail(DETAIL), 4);
    expect(input.id).toBe(4);
    expect('password' in input).toBe(false);
  });

  it('sends a typed password and no id for a new one', () => {
    const values = { ...emptyIntegrationForm(), password: 'secret' };
    const input = toIntegrationInput(values, undefined);
    expect(input.password).toBe('secret');
    expect('id' in input).toBe(false);
  });

  it('maps labels to form paths', () => {
    const values = integrationFormFromDetail(DETAIL);
    expect(formPathOfField(values, 'Kaseya BMS URL')).toBe('bmsUrl');
    expect(formPathOfField(values, 'Title')).toBe('fieldMappings.4.content');
    expect(formPathOfField(values, 'Assignee')).toBeNull();
  });
});
