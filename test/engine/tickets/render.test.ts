import { describe, expect, it } from 'vitest';
import type { TokenName } from '../../../shared/tokens';
import { TOKENS } from '../../../shared/tokens';
import {
  findTokens,
  renderTemplate,
} from '../../../main/engine/tickets/render';

/** Token values where each value names its token, e.g. `<uuid>`. */
function namedValues(): Record<TokenName, string> {
  return Object.fromEntries(TOKENS.map(t => [t.name, `<${t.name}>`])) as Record<
    TokenName,
    string
  >;
}

describe('renderTemplate', () => {
  it.each(TOKENS.map(t => t.name))('replaces [%s]', name => {
    const result = renderTemplate(`a [${name}] b`, namedValues());
    expect(result.text).toBe(`a <${name}> b`);
    expect(result.resolvedTokens).toEqual([name]);
    expect(result.unknownTokens).toEqual([]);
  });

  it('replaces repeated tokens and lists each once', () => {
    const result = renderTemplate('[uuid]/[pii]/[uuid]', namedValues());
    expect(result.text).toBe('<uuid>/<pii>/<uuid>');
    expect(result.resolvedTokens).toEqual(['uuid', 'pii']);
  });

  it.each([
    ['[password]', 'leaked [password]'],
    ['[uuid]', '[uuid]'],
    ['[[search_value]]', '[[search_value]]'],
    ['[obscured_password][pii]', 'x[obscured_password][pii]y'],
  ])('never expands data containing %s', (_name, data) => {
    const values = {
      ...namedValues(),
      source: data,
      search_value: data,
      password: 'secret',
    };
    const result = renderTemplate('S=[source] V=[search_value]', values);
    expect(result.text).toBe(`S=${data} V=${data}`);
    expect(result.resolvedTokens).toEqual(['source', 'search_value']);
    expect(result.unknownTokens).toEqual([]);
  });

  it('expands the inner token of [[search_value]]', () => {
    const result = renderTemplate('[[search_value]]', namedValues());
    expect(result.text).toBe('[<search_value>]');
    expect(result.resolvedTokens).toEqual(['search_value']);
  });

  it.each([
    ['[foo]', ['[foo]']],
    ['[ note ]', ['[ note ]']],
    ['[Password]', ['[Password]']],
    ['[UUID] and [foo] and [foo]', ['[UUID]', '[foo]']],
    ['[search-value]', ['[search-value]']],
    ['[pass word]', ['[pass word]']],
  ])('keeps unknown %s literal', (content, unknown) => {
    const result = renderTemplate(content, namedValues());
    expect(result.text).toBe(content);
    expect(result.unknownTokens).toEqual(unknown);
    expect(result.resolvedTokens).toEqual([]);
  });

  it.each([
    ['empty brackets', '[]'],
    ['lone brackets', '] ['],
    ['bracket across lines', '[uu\nid]'],
    ['no brackets', 'plain text'],
  ])('leaves %s alone', (_name, content) => {
    const result = renderTemplate(content, namedValues());
    expect(result.text).toBe(content);
    expect(result.unknownTokens).toEqual([]);
    expect(result.resolvedTokens).toEqual([]);
  });

  it('inserts values with replacement patterns literally', () => {
    const values = { ...namedValues(), source: "$& $1 $$ $` $'" };
    expect(renderTemplate('[source]', values).text).toBe("$& $1 $$ $` $'");
  });
});

describe('findTokens', () => {
  it('lists known and unknown tokens once each', () => {
    expect(
      findTokens('[uuid] [Password] [pii] [uuid] [foo] [Password]'),
    ).toEqual({ known: ['uuid', 'pii'], unknown: ['[Password]', '[foo]'] });
  });

  it('returns empty lists for plain text', () => {
    expect(findTokens('no tokens here')).toEqual({ known: [], unknown: [] });
  });
});
