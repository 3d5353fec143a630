import { describe, expect, it } from 'vitest';
import type { TicketInputDto } from '../../../main/clients/bms/ticket-input-dto';
import type {
  BuildResult,
  BuildTicketInput,
} from '../../../main/engine/tickets/build-ticket';
import { buildTicket } from '../../../main/engine/tickets/build-ticket';

import {
  SAMPLE_ORGANIZATION_NAME,
  sampleCompromise,
} from '../../../main/engine/tickets/sample-compromise';
import type { FieldProblem } from '../../../main/engine/tickets/field-mappings';

const UUID = '3f1c2a9e-8d4b-4c6e-9a1f-2b3c4d5e6f70';
const MARKER = `dwid-compromise:${UUID}`;
const OPEN_DATE = new Date('2024-03-05T14:07:59.123Z');

// Every TicketInputDto property: the Record type makes the compiler reject
// a missing or extra key.
const DTO_PROPERTIES: Record<keyof TicketInputDto, true> = {
  Title: true,
  Details: true,
  AccountId: true,
  LocationId: true,
  StatusId: true,
  PriorityId: true,
  TypeId: true,
  SourceId: true,
  OpenDate: true,
  QueueId: true,
  AssigneeId: true,
  ContactId: true,
  IssueTypeId: true,
  SubIssueTypeId: true,
  ContractId: true,
  WorkTypeId: true,
  SLAId: true,
};

const MAPPINGS: Readonly<Record<string, string>> = {
  'Catchall Account': '900',
  'Catchall Location': '901',
  'Ticket Source': '5',
  'Ticket Type': '2',
  Title: 'Compromised credential: [search_value]',
  Details: 'Found in [source] ([origin]).',
  Status: '1',
  Priority: '3',
  Queue: '7',
};

function input(overrides: Partial<BuildTicketInput> = {}): BuildTicketInput {
  return {
    compromise: sampleCompromise(new Date('2024-03-05T12:00:00Z'), UUID),
    organizationName: SAMPLE_ORGANIZATION_NAME,
    mappings: MAPPINGS,
    company: { accountId: 2001, locationId: 4101 },
    openDate: OPEN_DATE,
    ...overrides,
  };
}

function withMappings(changes: Record<string, string | undefined>) {
  const mappings: Record<string, string> = { ...MAPPINGS };
  for (const [label, content] of Object.entries(changes)) {
    if (content === undefined) {
      delete mappings[label];
    } else {
      mappings[label] = content;
    }
  }
  return input({ mappings });
}

function successOf(result: BuildResult): Extract<BuildResult, { ok: true }> {
  if (!result.ok) {
    throw new Error(`expected a ticket, got ${JSON.stringify(result)}`);
  }
  return result;
}

function ticketOf(result: BuildResult): TicketInputDto {
  return successOf(result).ticket;
}

function problemsOf(result: BuildResult): FieldProblem[] {
  if (result.ok) {
    throw new Error(`expected problems, got ${JSON.stringify(result)}`);
  }
  return result.problems;
}

describe('buildTicket', () => {
  it('builds a ticket for a matched company', () => {
    const result = buildTicket(input());
    expect(result).toEqual({
      ok: true,
      isCatchall: false,
      trimmedFields: [],
      resolvedTokens: ['search_value', 'source', 'origin'],
      ticket: {
        Title: 'Compromised credential: ada.example@example.com',
        Details: `Found in Adobe (adobe.com).\n\n${MARKER}`,
        AccountId: 2001,
        LocationId: 4101,
        StatusId: 1,
        PriorityId: 3,
        TypeId: 2,
        SourceId: 5,
        QueueId: 7,
        OpenDate: '2024-03-05T14:07:59.123Z',
      },
    });
  });

  it('uses the Catchall mappings without a company', () => {
    const result = buildTicket(input({ company: null }));
    expect(successOf(result).isCatchall).toBe(true);
    const ticket = ticketOf(result);
    expect(ticket.AccountId).toBe(900);
    expect(ticket.LocationId).toBe(901);
  });

  it('ignores bad Catchall mappings with a company', () => {
    const result = buildTicket(
      withMappings({ 'Catchall Account': 'abc', 'Catchall Location': '' }),
    );
    expect(ticketOf(result).AccountId).toBe(2001);
  });

  it('reports bad Catchall mappings without a company', () => {
    const problems = problemsOf(
      buildTicket({
        ...withMappings({ 'Catchall Account': 'abc', 'Catchall Location': '' }),
        company: null,
      }),
    );
    expect(problems).toEqual([
      {
        field: 'Catchall Account',
        message:
          '"abc" is not a whole number. Enter the id of the BMS account that gets unmatched tickets.',
      },
      {
        field: 'Catchall Location',
        message:
          'required mapping is empty. Enter the id of a location of the Catchall Account.',
      },
    ]);
  });

  it('reports an invalid company id', () => {
    const problems = problemsOf(
      buildTicket(input({ company: { accountId: 0, locationId: 4101 } })),
    );
    expect(problems).toEqual([
      {
        field: 'Company',
        message:
          'AccountId 0 of the matched BMS company is not a valid id. Refresh the company list.',
      },
    ]);
  });

  it('writes OpenDate in UTC ending in Z', () => {
    const ticket = ticketOf(buildTicket(input()));
    expect(ticket.OpenDate).toBe('2024-03-05T14:07:59.123Z');
    expect(ticket.OpenDate.endsWith('Z')).toBe(true);
  });

  it('rejects an invalid openDate', () => {
    expect(() => buildTicket(input({ openDate: new Date('nope') }))).toThrow(
      RangeError,
    );
  });

  it('emits only TicketInputDto properties', () => {
    const ticket = ticketOf(
      buildTicket(
        withMappings({
          Assignee: '11',
          'Issue Type': '12',
          'Sub-Issue Type': '13',
          Contact: '14',
          Contract: '15',
          'Work Type': '16',
          SLA: '17',
        }),
      ),
    );
    for (const key of Object.keys(ticket)) {
      expect(Object.hasOwn(DTO_PROPERTIES, key), key).toBe(true);
    }
    expect(ticket).toMatchObject({
      AssigneeId: 11,
      IssueTypeId: 12,
      SubIssueTypeId: 13,
      ContactId: 14,
      ContractId: 15,
      WorkTypeId: 16,
      SLAId: 17,
    });
  });

  it('has every required property', () => {
    const ticket = ticketOf(buildTicket(input({ company: null })));
    expect(Object.keys(ticket).sort()).toEqual(
      [
        'AccountId',
        'Details',
        'LocationId',
        'OpenDate',
        'PriorityId',
        'QueueId',
        'SourceId',
        'StatusId',
        'Title',
        'TypeId',
      ].sort(),
    );
  });

  it('omits empty optional mappings', () => {
    const ticket = ticketOf(buildTicket(withMappings({ Contact: '  ' })));
    expect('ContactId' in ticket).toBe(false);
    // IP records have no password, so `[password]` renders as ''.
    const ipTicket = ticketOf(
      buildTicket({
        ...withMappings({ 'Work Type': '[password]' }),
        compromise: {
          ...sampleCompromise(OPEN_DATE, UUID),
          recordType: 'IP',
        },
      }),
    );
    expect('WorkTypeId' in ipTicket).toBe(false);
  });

  it('reports a missing required mapping', () => {
    expect(
      problemsOf(buildTicket(withMappings({ Status: undefined }))),
    ).toEqual([
      {
        field: 'Status',
        message: 'required mapping is missing. Every integration needs it.',
      },
    ]);
  });

  it('reports an unknown field label', () => {
    const problems = problemsOf(buildTicket(withMappings({ Colour: 'red' })));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('Colour');
    expect(problems[0]?.message).toMatch(
      /^unknown ticket field\. Valid fields: Catchall Account, .*, SLA\.$/,
    );
  });
});

describe('buildTicket integer fields', () => {
  const compromise = {
    ...sampleCompromise(OPEN_DATE, UUID),
    source: '42',
    origin: 'adobe.com',
  };

  it.each([
    ['literal', 'Ticket Type', '2', 'TypeId', 2],
    ['padded literal', 'Ticket Type', ' 2\n', 'TypeId', 2],
    ['leading zeros', 'Ticket Type', '007', 'TypeId', 7],
    ['token yielding a number', 'Ticket Type', '[source]', 'TypeId', 42],
    ['token in spaces', 'Priority', ' [source] ', 'PriorityId', 42],
    ['Ticket Source zero', 'Ticket Source', '0', 'SourceId', 0],
    ['largest int32', 'Queue', '2147483647', 'QueueId', 2147483647],
  ] as const)('accepts %s', (_name, label, content, key, expected) => {
    const ticket = ticketOf(
      buildTicket({ ...withMappings({ [label]: content }), compromise }),
    );
    expect(ticket[key]).toBe(expected);
  });

  it.each([
    [
      'text',
      'Ticket Type',
      'abc',
      '"abc" is not a whole number. Enter the id of a BMS ticket type.',
    ],
    [
      'token yielding text',
      'Ticket Type',
      '[origin]',
      'the value rendered from "[origin]" is not a whole number. Enter the id of a BMS ticket type.',
    ],
    [
      'negative',
      'Status',
      '-3',
      '"-3" is below the minimum 1. Enter the id of a BMS ticket status.',
    ],
    [
      'zero type',
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
      'decimal',
      'Priority',
      '2.5',
      '"2.5" is not a whole number. Enter the id of a BMS ticket priority.',
    ],
    [
      'above int32',
      'Ticket Type',
      '2147483648',
      '"2147483648" is above the maximum 2147483647. Enter the id of a BMS ticket type.',
    ],
    [
      'unknown token',
      'Ticket Type',
      '[type_id]',
      '"[type_id]" is not a whole number. Enter the id of a BMS ticket type.',
    ],
    [
      'token yielding empty',
      'Ticket Type',
      '[pii]',
      'the value rendered from "[pii]" is empty. Enter the id of a BMS ticket type.',
    ],
  ])('rejects %s', (_name, label, content, message) => {
    const result = buildTicket({
      ...withMappings({ [label]: content }),
      compromise: { ...compromise, pii: [] },
    });
    expect(problemsOf(result)).toEqual([{ field: label, message }]);
  });

  it('never quotes a password in a message', () => {
    const problems = problemsOf(
      buildTicket(withMappings({ 'Ticket Type': '[password]' })),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).not.toContain('Example-Passw0rd');
  });
});

describe('buildTicket routing', () => {
  it.each([
    ['queue only', { Queue: '7' }, { QueueId: 7 }],
    ['assignee only', { Queue: undefined, Assignee: '11' }, { AssigneeId: 11 }],
    ['both', { Assignee: '11' }, { QueueId: 7, AssigneeId: 11 }],
  ])('accepts %s', (_name, changes, expected) => {
    expect(ticketOf(buildTicket(withMappings(changes)))).toMatchObject(
      expected,
    );
  });

  it.each([
    ['neither', { Queue: undefined }],
    ['both empty', { Queue: '', Assignee: ' ' }],
  ])('rejects %s', (_name, changes) => {
    const problems = problemsOf(buildTicket(withMappings(changes)));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('Queue');
    expect(problems[0]?.message).toContain('Queue and Assignee are both empty');
  });

  it('reports a bad queue once', () => {
    const problems = problemsOf(buildTicket(withMappings({ Queue: 'x' })));
    expect(problems.map(p => p.field)).toEqual(['Queue']);
  });
});

describe('buildTicket text fields', () => {
  it('trims Title to 255 UTF-16 units between graphemes', () => {
    // Each family emoji is 11 UTF-16 code units: 23 fit in 255, 24 do not.
    const long = '👩‍👩‍👧‍👦'.repeat(300);
    const result = buildTicket(withMappings({ Title: long }));
    const ticket = ticketOf(result);
    expect(ticket.Title).toBe('👩‍👩‍👧‍👦'.repeat(23));
    expect(ticket.Title.length).toBe(253);
    expect(successOf(result).trimmedFields).toEqual(['Title']);
  });

  it('keeps the marker in a 20,000-character Details', () => {
    const result = buildTicket(withMappings({ Details: 'x'.repeat(20_000) }));
    const ticket = ticketOf(result);
    expect(ticket.Details.endsWith(`\n\n${MARKER}`)).toBe(true);
    expect(ticket.Details.length).toBe(8000);
    expect(successOf(result).trimmedFields).toEqual(['Details']);
  });

  it('applies maxLengths overrides', () => {
    const result = buildTicket({
      ...withMappings({ Title: 'abcdefghij', Details: 'y'.repeat(500) }),
      maxLengths: { Title: 4, Details: 100 },
    });
    const ticket = ticketOf(result);
    expect(ticket.Title).toBe('abcd');
    expect(ticket.Details).toBe(`${'y'.repeat(46)}\n\n${MARKER}`);
    expect(successOf(result).trimmedFields).toEqual(['Title', 'Details']);
  });

  it('trims token data containing tokens literally', () => {
    const compromise = {
      ...sampleCompromise(OPEN_DATE, UUID),
      source: 'dump [password] [uuid] [[search_value]]',
    };
    const ticket = ticketOf(
      buildTicket({ ...withMappings({ Title: '[source]' }), compromise }),
    );
    expect(ticket.Title).toBe('dump [password] [uuid] [[search_value]]');
  });

  it('keeps unknown tokens literal', () => {
    const ticket = ticketOf(
      buildTicket(withMappings({ Title: '[foo] [search_value] [Password]' })),
    );
    expect(ticket.Title).toBe('[foo] ada.example@example.com [Password]');
  });

  it.each([
    ['Title', '', 'required mapping is empty'],
    ['Details', '  \n', 'required mapping is empty'],
    ['Title', '[pii]', 'the text is empty after its tokens are replaced'],
  ])('rejects empty %s %j', (label, content, start) => {
    const result = buildTicket({
      ...withMappings({ [label]: content }),
      compromise: { ...sampleCompromise(OPEN_DATE, UUID), pii: [] },
    });
    expect(problemsOf(result)).toEqual([
      {
        field: label,
        message: `${start}. Enter text or a token that always has a value, such as [search_value].`,
      },
    ]);
  });

  it.each([
    ['Title', 0, 1],
    ['Details', 54, 55],
    ['Title', 2.5, 1],
  ] as const)('rejects %s maximum %d', (label, max, minimum) => {
    const result = buildTicket({ ...input(), maxLengths: { [label]: max } });
    expect(problemsOf(result)).toEqual([
      {
        field: label,
        message: `maximum length ${max} is invalid. Set a whole number of at least ${minimum} grapheme clusters.`,
      },
    ]);
  });

  it('lists several problems at once', () => {
    const result = buildTicket({
      ...withMappings({ Title: '', Status: 'new', Queue: undefined }),
      company: null,
    });
    expect(problemsOf(result).map(p => p.field)).toEqual([
      'Title',
      'Status',
      'Queue',
    ]);
  });
});
