import type { SuggestionsResult } from './suggestions';
import type { Row } from './table';
import type { UiResult } from './ui';

/** A figure checked against its target, as run-bench.ts collects them. */
export type TargetCheck = {
  readonly target: string;
  readonly value: string;
  readonly met: boolean;
};

/** Targets of the window and the suggestions, in milliseconds. */
export const UI_TARGETS = {
  keystrokeMs: 50,
  suggestionsMs: 200,
};

const fixed = (value: number, digits = 0): string => value.toFixed(digits);
const status = (met: boolean): string => (met ? 'met' : 'MISSED');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function keystrokeRow(
  label: string,
  timings: readonly number[],
  checks: TargetCheck[],
): Row {
  const slowest = Math.max(...timings);
  const met = slowest < UI_TARGETS.keystrokeMs;
  checks.push({
    target: `${label} keystroke < ${UI_TARGETS.keystrokeMs} ms`,
    value: `${fixed(slowest)} ms`,
    met,
  });
  return [
    `  ${label}: keystroke to updated list (slowest of ${timings.length})`,
    `${fixed(slowest)} ms (median ${fixed(median(timings))} ms)`,
    `< ${UI_TARGETS.keystrokeMs} ms`,
    status(met),
  ];
}

/** Table rows of the UI scenario. */
export function uiRows(result: UiResult, checks: TargetCheck[]): Row[] {
  return [
    [
      `UI in Chromium: ${result.accounts} accounts, ${result.organizations} organizations`,
      '',
      '',
      '',
    ],
    [
      '  company mapping: tab click to list shown',
      `${fixed(result.mappingOpenMs)} ms`,
      '',
      '',
    ],
    keystrokeRow('company mapping', result.mappingKeystrokeMs, checks),
    [
      '  organizations: click to list shown',
      `${fixed(result.organizationsOpenMs)} ms`,
      '',
      '',
    ],
    keystrokeRow('organizations', result.organizationsKeystrokeMs, checks),
    [
      '  renderer bundle (JavaScript + CSS)',
      `${fixed(result.bundleBytes / 1024)} KiB, ${fixed(result.bundleGzipBytes / 1024)} KiB gzipped`,
      '',
      '',
    ],
  ];
}

/** Table rows of the suggestion figures. */
export function suggestionRows(
  result: SuggestionsResult,
  checks: TargetCheck[],
): Row[] {
  const interactiveMs = result.indexMs + result.firstScreenMs;
  const met = interactiveMs < UI_TARGETS.suggestionsMs;
  checks.push({
    target: `suggestions, index + first screen < ${UI_TARGETS.suggestionsMs} ms`,
    value: `${fixed(interactiveMs, 1)} ms`,
    met,
  });
  return [
    [
      `Suggestions: ${result.organizations} organizations, ${result.nonMatching} non-matching of ${result.accounts} accounts`,
      `index ${fixed(result.indexMs, 1)} ms + first screen ${fixed(result.firstScreenMs, 1)} ms`,
      `< ${UI_TARGETS.suggestionsMs} ms`,
      status(met),
    ],
    [
      '  every non-matching account (not on screen at once)',
      `${fixed(result.allMs)} ms, ${result.withSuggestion} with a suggestion`,
      '',
      '',
    ],
  ];
}
