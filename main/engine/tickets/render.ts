import type { TokenName } from '../../../shared/tokens';
import { isTokenName } from '../../../shared/tokens';

/**
 * Bracketed text on one line without nested brackets, such as `[uuid]` or
 * `[ note ]`. Only an exact lower-case token name (`[a-z_]+` from the token
 * list) is a known token. Any other bracketed text, including `[Password]`,
 * is an unknown token: it stays literal in the ticket, and save-time checks
 * reject it with a hint of the right spelling. In `[[uuid]]` the inner
 * `[uuid]` is the token and the outer brackets stay literal.
 */
const BRACKET_PATTERN = /\[([^[\]\r\n]+)\]/g;

export type RenderResult = {
  text: string;
  /** Known tokens found in the content, each once, in order of appearance. */
  resolvedTokens: TokenName[];
  /** Unknown bracketed text with its brackets, each once, e.g. `[foo]`. */
  unknownTokens: string[];
};

/**
 * Replaces every known token in `content` with its value, in a single pass:
 * text inserted from a value is never scanned again, so a source name that
 * contains `[password]` stays literal.
 */
export function renderTemplate(
  content: string,
  values: Readonly<Record<TokenName, string>>,
): RenderResult {
  const resolved = new Set<TokenName>();
  const unknown = new Set<string>();
  const text = content.replace(
    BRACKET_PATTERN,
    (match: string, name: string) => {
      if (isTokenName(name)) {
        resolved.add(name);
        return values[name];
      }
      unknown.add(match);
      return match;
    },
  );
  return {
    text,
    resolvedTokens: [...resolved],
    unknownTokens: [...unknown],
  };
}

/**
 * Lists the known and unknown tokens in `content`, each once, in order of
 * appearance. Unknown ones keep their brackets, e.g. `[foo]`.
 */
export function findTokens(content: string): {
  known: TokenName[];
  unknown: string[];
} {
  const known = new Set<TokenName>();
  const unknown = new Set<string>();
  for (const [match, name = ''] of content.matchAll(BRACKET_PATTERN)) {
    if (isTokenName(name)) {
      known.add(name);
    } else {
      unknown.add(match);
    }
  }
  return { known: [...known], unknown: [...unknown] };
}
