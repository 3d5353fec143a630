/**
 * Suggests Dark Web ID organizations for a BMS account whose name matches
 * none exactly. The engine links a company only on exact equality, so a
 * suggestion is a hint for the technician, never a match. Pure code: it runs
 * in the renderer and under Node.
 */
import Fuse from 'fuse.js';

/** An organization that can be suggested: its uuid and exact name. */
export type SuggestionCandidate = {
  readonly id: string;
  readonly name: string;
};

/**
 * `spacing`: equal after trimming and collapsing spaces. `case`: equal
 * ignoring case as well. `normalized`: equal after removing punctuation and
 * legal suffixes. `similar`: fuzzy similarity only.
 */
export type SuggestionKind = 'spacing' | 'case' | 'normalized' | 'similar';

export type Suggestion = SuggestionCandidate & {
  /** From 0 to 1, where higher is a better candidate. */
  readonly score: number;
  readonly kind: SuggestionKind;
};

export type SuggestionIndex = {
  /** Returns up to `limit` candidates for `accountName`, best first. */
  readonly suggest: (accountName: string, limit?: number) => Suggestion[];
};

const KIND_SCORES: Record<Exclude<SuggestionKind, 'similar'>, number> = {
  spacing: 0.99,
  case: 0.97,
  normalized: 0.92,
};

/** Fuzzy candidates never outrank a normalised-equal one. */
const MAX_SIMILAR_SCORE = 0.85;

/**
 * Fuse.js score above which a fuzzy hit is dropped (0 is a perfect match).
 * Chosen by hand on the test cases: 0.6, the Fuse default, pairs unrelated
 * names.
 */
const FUSE_THRESHOLD = 0.35;

/** Legal suffixes as token sequences after punctuation became spaces. */
const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['pty', 'ltd'],
  ['s', 'a'],
  ['s', 'l'],
  ['b', 'v'],
  ['n', 'v'],
  ['a', 'g'],
  ['inc'],
  ['incorporated'],
  ['llc'],
  ['llp'],
  ['lp'],
  ['ltd'],
  ['limited'],
  ['gmbh'],
  ['corp'],
  ['corporation'],
  ['co'],
  ['company'],
  ['plc'],
  ['pty'],
  ['sa'],
  ['ag'],
  ['bv'],
  ['nv'],
  ['srl'],
  ['sarl'],
];

/** Collapses runs of whitespace to one space and trims the ends. */
export function collapseSpaces(name: string): string {
  return name.replace(/\s+/gu, ' ').trim();
}

/** True when `name` starts or ends with whitespace. */
export function hasEdgeSpace(name: string): boolean {
  return /^\s|\s$/u.test(name);
}

function endsWithSuffix(tokens: readonly string[], suffix: readonly string[]) {
  if (tokens.length <= suffix.length) return false;
  const start = tokens.length - suffix.length;
  return suffix.every((token, i) => tokens[start + i] === token);
}

function stripLegalSuffixes(tokens: string[]): string[] {
  let isStripping = true;
  while (isStripping) {
    const suffix = LEGAL_SUFFIXES.find(item => endsWithSuffix(tokens, item));
    if (suffix === undefined) isStripping = false;
    else tokens = tokens.slice(0, tokens.length - suffix.length);
  }
  return tokens;
}

/**
 * Reduces a company name to a comparison key: lower case, accents removed,
 * `&` read as `and`, punctuation dropped, spaces collapsed and trailing legal
 * suffixes (Inc, LLC, Ltd, GmbH, Corp, Co, PLC, Pty Ltd, S.A. and others)
 * removed. A name made only of a suffix keeps it.
 */
export function normalizeCompanyName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/gu, ' and ')
    .replace(/['’]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  const tokens = plain.split(' ').filter(token => token !== '');
  return stripLegalSuffixes(tokens).join(' ');
}

type IndexedCandidate = SuggestionCandidate & {
  readonly collapsed: string;
  readonly lowered: string;
  readonly normalized: string;
  readonly tokens: readonly string[];
};

function indexCandidate(candidate: SuggestionCandidate): IndexedCandidate {
  const collapsed = collapseSpaces(candidate.name);
  const normalized = normalizeCompanyName(candidate.name);
  return {
    id: candidate.id,
    name: candidate.name,
    collapsed,
    lowered: collapsed.toLowerCase(),
    normalized,
    tokens: normalized.split(' '),
  };
}

function groupBy<K>(
  items: readonly IndexedCandidate[],
  key: (item: IndexedCandidate) => K,
): Map<K, IndexedCandidate[]> {
  const groups = new Map<K, IndexedCandidate[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** Words too common to pair two names on their own. */
const STOP_WORDS = new Set(['and', 'the', 'of', 'for']);

/**
 * Keys of the prefilter: the first three characters of each token, or the
 * whole token when shorter. Stop words give no key.
 */
function prefixKeys(tokens: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const token of tokens) {
    if (!STOP_WORDS.has(token)) keys.add(token.slice(0, 3));
  }
  return keys;
}

/** Groups candidate positions by prefix key. */
function indexPrefixes(
  items: readonly IndexedCandidate[],
): Map<string, Set<number>> {
  const byKey = new Map<string, Set<number>>();
  items.forEach((item, position) => {
    for (const key of prefixKeys(item.tokens)) {
      const positions = byKey.get(key);
      if (positions === undefined) byKey.set(key, new Set([position]));
      else positions.add(position);
    }
  });
  return byKey;
}

/**
 * Picks the candidates that share the most, and the rarest, prefix keys with
 * `tokens`, at most `max`. Fuse.js then compares only those, because one
 * Fuse search over 5,000 organizations took about 30 ms on a two-core
 * container. A key shared by more than `max` candidates only adds weight to
 * candidates found through rarer keys, unless no rarer key found any.
 */
function prefilter(
  tokens: readonly string[],
  byKey: ReadonlyMap<string, ReadonlySet<number>>,
  max: number,
): number[] {
  const keyed = [...prefixKeys(tokens)]
    .map(key => byKey.get(key) ?? new Set<number>())
    .sort((a, b) => a.size - b.size);
  const weights = new Map<number, number>();
  for (const positions of keyed) {
    const weight = 1 / Math.log2(2 + positions.size);
    if (weights.size === 0 || positions.size <= max) {
      for (const position of positions) {
        weights.set(position, (weights.get(position) ?? 0) + weight);
      }
    } else {
      for (const [position, total] of weights) {
        if (positions.has(position)) weights.set(position, total + weight);
      }
    }
  }
  return [...weights.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, max)
    .map(([position]) => position);
}

function classify(
  accountName: string,
  candidate: IndexedCandidate,
): Exclude<SuggestionKind, 'similar'> {
  const collapsed = collapseSpaces(accountName);
  if (candidate.collapsed === collapsed) return 'spacing';
  if (candidate.lowered === collapsed.toLowerCase()) return 'case';
  return 'normalized';
}

const FUSE_OPTIONS = {
  keys: ['normalized'],
  includeScore: true,
  ignoreLocation: true,
  threshold: FUSE_THRESHOLD,
  minMatchCharLength: 2,
};

/** Candidates handed to Fuse.js per lookup, after the prefix prefilter. */
const MAX_FUZZY_CANDIDATES = 100;

function findSimilar(
  normalized: string,
  pool: readonly IndexedCandidate[],
  limit: number,
): Suggestion[] {
  return new Fuse(pool, FUSE_OPTIONS)
    .search(normalized, { limit })
    .filter(hit => hit.item.normalized !== normalized)
    .map(hit => ({
      id: hit.item.id,
      name: hit.item.name,
      kind: 'similar' as const,
      score: roundScore((1 - (hit.score ?? 1)) * MAX_SIMILAR_SCORE),
    }));
}

/**
 * Indexes `candidates` once. A map from normalised name serves most lookups.
 * The rest go to Fuse.js, but only over the candidates that share a word
 * prefix with the account name, so no suggestion pairs names that merely
 * share letters. Results are cached per account name, so callers can ask
 * lazily for the rows they show.
 */
export function createSuggestionIndex(
  candidates: readonly SuggestionCandidate[],
): SuggestionIndex {
  const indexed = candidates.map(indexCandidate);
  const byNormalized = groupBy(indexed, item => item.normalized);
  const byPrefix = indexPrefixes(indexed);
  const cache = new Map<string, Suggestion[]>();

  function compute(accountName: string, limit: number): Suggestion[] {
    const normalized = normalizeCompanyName(accountName);
    if (normalized === '') return [];
    const equal = (byNormalized.get(normalized) ?? [])
      .filter(item => item.name !== accountName)
      .map(item => {
        const kind = classify(accountName, item);
        return { id: item.id, name: item.name, kind, score: KIND_SCORES[kind] };
      });
    let similar: Suggestion[] = [];
    if (equal.length < limit) {
      const positions = prefilter(
        normalized.split(' '),
        byPrefix,
        MAX_FUZZY_CANDIDATES,
      );
      const pool = positions.flatMap(position => indexed[position] ?? []);
      similar = findSimilar(normalized, pool, limit);
    }
    return [...equal, ...similar]
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  return {
    suggest(accountName, limit = 3) {
      const key = `${limit}\u0000${accountName}`;
      let result = cache.get(key);
      if (result === undefined) {
        result = compute(accountName, limit);
        cache.set(key, result);
      }
      return result;
    },
  };
}

function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}
