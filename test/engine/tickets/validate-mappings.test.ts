import { describe, expect, it } from 'vitest';
import { REQUIRED_FIELD_LABELS } from '../../../shared/ticket-fields';
import {
  defaultFieldMappings,
  validateFieldMappings,
} from '../../../main/engine/tickets/validate-mappings';
import { findTokens } from '../../../main/engine/tickets/render';
import { suggestToken } from '../../../main/engine/tickets/token-suggestion';

const VALID: Readonly<Record<string, string>> = {
  'Catchall Account': '900',
  'Catchall Location': '901',
  'Ticket Source': '5',
  'Ticket Type': '2',
  Title: 'Compromised credential: [search_value]',
  Details: 'Found in [source].',
  Status: '1',
  Priority: '3',
  Queue: '7',
};

function validate(
  changes: Record<string, string | undefined>,
  lookups?: Parameters<typeof validateFieldMappings>[1],
) {
  const mappings: Record<string, string> = { ...VALID };
  for (const [label, content] of Object.entries(changes)) {
    if (content === undefined) {
      delete mappings[label];
    } else {
      mappings[label] = content;
    }
  }
  return validateFieldMappings(mappings, lookups);
}

describe('validateFieldMappings', () => {
  it('accepts valid mappings', () => {
    expect(validate({})).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validate({
      'Catchall Account': undefined,
      'Ticket Type': 'abc',
      Title: 'Leak of [serch_value]',
      Status: '0',
      Queue: '',
      Colour: 'red',
    });
    expect(problems.map(p => p.field)).toEqual([
      'Catchall Account',
      'Ticket Type',
      'Title',
      'Status',
      'Colour',
      'Queue',
    ]);
    expect(problems.map(p => p.message)).toEqual([
      'required mapping is empty. Enter the id of the BMS account that gets unmatched tickets.',
      '"abc" is not a whole number. Enter the id of a BMS ticket type.',
      '[serch_value] is not a known token. Did you mean [search_value]?',
      '"0" is below the minimum 1. Enter the id of a BMS ticket status.',
      expect.stringMatching(/^unknown ticket field\. Valid fields: /) as string,
      expect.stringContaining('Queue and Assignee are both empty') as string,
    ]);
  });

  it.each(REQUIRED_FIELD_LABELS)('requires %s', label => {
    const missing = validate({ [label]: undefined });
    const blank = validate({ [label]: '  ' });
    expect(missing.map(p => p.field)).toEqual([label]);
    expect(blank).toEqual(missing);
    expect(missing[0]?.message).toMatch(/^required mapping is empty\. Enter /);
  });

  it('lists valid labels for an unknown one', () => {
    const problems = validate({ 'Due Date': 'tomorrow' });
    expect(problems).toEqual([
      {
        field: 'Due Date',
        message:
          'unknown ticket field. Valid fields: Catchall Account, Catchall Location, Ticket Source, Ticket Type, Title, Details, Status, Priority, Queue, Assignee, Issue Type, Sub-Issue Type, Contact, Contract, Work Type, SLA.',
      },
    ]);
  });

  it.each([
    ['[pasword]', '[password]'],
    ['[Password]', '[password]'],
    ['[UUID]', '[uuid]'],
    ['[search value]', '[search_value]'],
    ['[obscured-password]', '[obscured_password]'],
    ['[date_adeed]', '[date_added]'],
    ['[organisation_name]', '[organization_name]'],
  ])('suggests a fix for %s', (token, suggestion) => {
    expect(validate({ Details: `x ${token} y` })).toEqual([
      {
        field: 'Details',
        message: `${token} is not a known token. Did you mean ${suggestion}?`,
      },
    ]);
  });

  it.each(['[foo]', '[ note ]', '[ip]'])('lists tokens for %s', token => {
    expect(validate({ Title: token })).toEqual([
      {
        field: 'Title',
        message: `${token} is not a known token. Known tokens: [uuid], [password], [obscured_password], [record_type], [source], [origin], [organization_name], [compromise], [password_criteria], [search_value], [date_added], [date_found], [pii].`,
      },
    ]);
  });

  it('reports unknown tokens in optional fields', () => {
    expect(validate({ Contact: '[contact]' }).map(p => p.message)).toEqual([
      '[contact] is not a known token. Known tokens: [uuid], [password], [obscured_password], [record_type], [source], [origin], [organization_name], [compromise], [password_criteria], [search_value], [date_added], [date_found], [pii].',
    ]);
  });

  it.each([
    ['literal', 'Ticket Type', '2'],
    ['padded literal', 'Ticket Type', ' 2 '],
    ['one known token', 'Ticket Type', '[source]'],
    ['padded token', 'Priority', ' [compromise]\n'],
    ['source zero', 'Ticket Source', '0'],
    ['empty optional', 'Contact', ''],
    ['assignee instead of queue', 'Assignee', '11'],
  ])('accepts integer %s', (_name, label, content) => {
    expect(validate({ [label]: content })).toEqual([]);
  });

  it.each([
    [
      'text',
      'Ticket Type',
      'abc',
      '"abc" is not a whole number. Enter the id of a BMS ticket type.',
    ],
    [
      'negative',
      'Priority',
      '-2',
      '"-2" is below the minimum 1. Enter the id of a BMS ticket priority.',
    ],
    [
      'type zero',
      'Ticket Type',
      '0',
      '"0" is below the minimum 1. Enter the id of a BMS ticket type.',
    ],
    [
      'negative source',
      'Ticket Source',
      '-1',
      '"-1" is below the minimum 0. Enter the id of a BMS ticket source (5 is Monitoring System on most tenants).',
    ],
    [
      'two tokens',
      'Ticket Type',
      '[source][origin]',
      '"[source][origin]" must be a whole number or exactly one token. Enter the id of a BMS ticket type.',
    ],
    [
      'number and token',
      'Contact',
      '5 [uuid]',
      '"5 [uuid]" must be a whole number or exactly one token. Enter the id of a BMS contact.',
    ],
  ])('rejects integer %s', (_name, label, content, message) => {
    expect(validate({ [label]: content })).toEqual([{ field: label, message }]);
  });

  it('reports an unknown token in an integer field once', () => {
    expect(validate({ Status: '[status]' })).toEqual([
      {
        field: 'Status',
        message: expect.stringMatching(
          /^\[status\] is not a known token\. Known tokens: /,
        ) as string,
      },
    ]);
  });

  describe('lookups', () => {
    const lookups = {
      status: [
        { id: 1, name: 'New' },
        { id: 2, name: 'In Progress' },
      ],
      priority: [3, 4],
      queue: [],
    };

    it('accepts listed ids', () => {
      expect(validate({}, { lookups })).toEqual([]);
    });

    it.each([
      [
        'Status',
        '9',
        '9 is not a ticket status in Kaseya BMS. Valid ids: 1 (New), 2 (In Progress).',
      ],
      [
        'Priority',
        '1',
        '1 is not a ticket priority in Kaseya BMS. Valid ids: 3, 4.',
      ],
    ])('rejects unlisted %s', (label, content, message) => {
      expect(validate({ [label]: content }, { lookups })).toEqual([
        { field: label, message },
      ]);
    });

    it('skips an empty lookup', () => {
      expect(validate({ Queue: '12345' }, { lookups })).toEqual([]);
    });

    it('skips a token', () => {
      expect(validate({ Status: '[source]' }, { lookups })).toEqual([]);
    });

    it('lists at most 20 ids', () => {
      const queue = Array.from({ length: 25 }, (_, i) => i + 1);
      expect(
        validate({ Queue: '99' }, { lookups: { queue } }).map(p => p.message),
      ).toEqual([
        '99 is not a queue in Kaseya BMS. Valid ids: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 5 more.',
      ]);
    });
  });

  describe('routing', () => {
    it.each([
      ['neither', { Queue: undefined }],
      ['both empty', { Queue: ' ', Assignee: '' }],
    ])('rejects %s', (_name, changes) => {
      expect(validate(changes)).toEqual([
        {
          field: 'Queue',
          message:
            'Queue and Assignee are both empty. Map a queue id to Queue or a technician user id to Assignee, because BMS needs one of them to route the ticket.',
        },
      ]);
    });
  });
});

describe('defaultFieldMappings', () => {
  const defaults = defaultFieldMappings();

  it('has the eight required labels in order', () => {
    expect(Object.keys(defaults)).toEqual([...REQUIRED_FIELD_LABELS]);
  });

  it('sets the texts and the source', () => {
    expect(defaults.Title).toBe('Compromised credential: [search_value]');
    expect(defaults['Ticket Source']).toBe('5');
  });

  it('leaves tenant ids empty', () => {
    for (const label of [
      'Catchall Account',
      'Catchall Location',
      'Ticket Type',
      'Status',
      'Priority',
    ]) {
      expect(defaults[label], label).toBe('');
    }
  });

  it('uses the obscured password in Details', () => {
    const tokens = findTokens(defaults.Details ?? '');
    expect(tokens.unknown).toEqual([]);
    expect(tokens.known).toEqual([
      'organization_name',
      'record_type',
      'search_value',
      'source',
      'origin',
      'compromise',
      'date_found',
      'date_added',
      'password_criteria',
      'obscured_password',
      'pii',
    ]);
    expect(defaults.Details?.split('\n').length).toBe(12);
  });

  it('asks for the tenant ids and routing', () => {
    expect(validateFieldMappings(defaults).map(p => p.field)).toEqual([
      'Catchall Account',
      'Catchall Location',
      'Ticket Type',
      'Status',
      'Priority',
      'Queue',
    ]);
  });

  it('returns a fresh object each call', () => {
    const first = defaultFieldMappings();
    first.Title = 'changed';
    expect(defaultFieldMappings().Title).toBe(
      'Compromised credential: [search_value]',
    );
  });
});

describe('suggestToken', () => {
  it.each([
    ['pasword', 'password'],
    ['PII', 'pii'],
    ['ip', undefined],
    ['foo', undefined],
    ['date', undefined],
    ['', undefined],
  ])('suggests for %j', (name, expected) => {
    expect(suggestToken(name)).toBe(expected);
  });
});
