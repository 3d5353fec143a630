import { describe, expect, it } from 'vitest';

import {
  fromFieldProblems,
  parseValidationMessage,
} from '../../renderer/src/screens/integration-edit/validation-problems';

const LABELS = [
  'Name',
  'Kaseya BMS URL',
  'Username',
  'Password',
  'Company',
  'Catchall Account',
  'Title',
  'Queue',
];

describe('parseValidationMessage', () => {
  it('splits the lead-in from the problems', () => {
    const parsed = parseValidationMessage(
      'The integration was not saved, because of 2 problem(s): ' +
        'Name: must not be empty; Username: must not be empty',
      LABELS,
    );
    expect(parsed.summary).toBe(
      'The integration was not saved, because of 2 problem(s)',
    );
    expect(parsed.problems).toEqual([
      { field: 'Name', message: 'must not be empty' },
      { field: 'Username', message: 'must not be empty' },
    ]);
  });

  it('reads a sentence that starts with a label', () => {
    const parsed = parseValidationMessage(
      'The integration was not saved, because of 2 problem(s): ' +
        'Company: must not be empty; ' +
        'Password is required for a new integration',
      LABELS,
    );

    expect(parsed.problems).toEqual([
      { field: 'Company', message: 'must not be empty' },
      {
        field: 'Password',
        message: 'Password is required for a new integration',
      },
    ]);
  });

  it('keeps a semicolon inside one problem', () => {
    const parsed = parseValidationMessage(
      'Not saved: Catchall Account: 9 is not among the 3 active Kaseya BMS ' +
        'accounts; enter the id of an existing account; Title: too long',
      LABELS,
    );
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.problems[0]?.field).toBe('Catchall Account');
    expect(parsed.problems[0]?.message).toContain(
      'accounts; enter the id of an existing account',
    );
    expect(parsed.problems[1]).toEqual({ field: 'Title', message: 'too long' });
  });

  it('matches only a whole label', () => {
    const parsed = parseValidationMessage('Kaseya BMS URL: invalid value', [
      ...LABELS,
      'Kaseya',
    ]);
    expect(parsed.problems[0]?.field).toBe('Kaseya BMS URL');
  });

  it('ends the lead-in at the first label', () => {
    const parsed = parseValidationMessage(
      'Not saved, 1 problem(s): Title: shorter than the Name: field',
      LABELS,
    );
    expect(parsed.summary).toBe('Not saved, 1 problem(s)');
    expect(parsed.problems[0]?.field).toBe('Title');
  });

  it('keeps a message without known labels as the summary', () => {
    const parsed = parseValidationMessage('Something else failed', LABELS);
    expect(parsed.summary).toBe('Something else failed');
    expect(parsed.problems).toEqual([]);
  });
});

describe('fromFieldProblems', () => {
  it('keeps each problem as sent', () => {
    const parsed = fromFieldProblems(
      'The integration was not saved, because of 2 problem(s): ' +
        'Queue: Queue and Assignee are both empty; Title: a; b',
      [
        { field: 'Queue', message: 'Queue and Assignee are both empty' },
        { field: 'Title', message: 'a; b' },
      ],
    );
    expect(parsed.summary).toBe(
      'The integration was not saved, because of 2 problem(s)',
    );
    expect(parsed.problems).toEqual([
      { field: 'Queue', message: 'Queue and Assignee are both empty' },
      { field: 'Title', message: 'a; b' },
    ]);
  });

  it('uses a message without a colon whole', () => {
    const parsed = fromFieldProblems('Not saved', [
      { field: 'Name', message: 'must not be empty' },
    ]);
    expect(parsed.summary).toBe('Not saved');
  });
});
