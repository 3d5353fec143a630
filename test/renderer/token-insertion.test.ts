import { describe, expect, it } from 'vitest';

import { insertToken } from '../../renderer/src/screens/integration-edit/token-insertion';

describe('insertToken', () => {
  it('inserts at the caret', () => {
    const result = insertToken('Found: ', 'search_value', 7);
    expect(result.text).toBe('Found: [search_value]');
    expect(result.caret).toBe(21);
  });

  it('inserts in the middle', () => {
    const result = insertToken('ab', 'uuid', 1);
    expect(result.text).toBe('a[uuid]b');
    expect(result.caret).toBe(7);
  });

  it('replaces the selection', () => {
    const result = insertToken('Hello NAME!', 'pii', 6, 10);
    expect(result.text).toBe('Hello [pii]!');
    expect(result.caret).toBe(11);
  });

  it('accepts a backwards selection', () => {
    const result = insertToken('Hello NAME!', 'pii', 10, 6);
    expect(result.text).toBe('Hello [pii]!');
  });

  it('clamps offsets past the end', () => {
    const result = insertToken('abc', 'uuid', 99);
    expect(result.text).toBe('abc[uuid]');
    expect(result.caret).toBe(9);
  });

  it('clamps negative offsets', () => {
    expect(insertToken('abc', 'uuid', -5).text).toBe('[uuid]abc');
  });

  it('appends for a non-finite caret', () => {
    expect(insertToken('abc', 'uuid', Number.NaN).text).toBe('abc[uuid]');
  });

  it('keeps surrogate pairs around the caret', () => {
    const result = insertToken('😀x', 'uuid', 2);
    expect(result.text).toBe('😀[uuid]x');
  });
});
