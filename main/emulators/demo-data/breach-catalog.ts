import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Public breach catalogue of Have I Been Pwned (mid-2018), as published with
 * Mozilla's Firefox Monitor test project under MPL-2.0 (see NOTICE).
 */
export type Breach = {
  readonly title: string;
  /** Site of the breach, empty for aggregated lists. */
  readonly domain: string;
  /** `YYYY-MM-DD`. */
  readonly breachDate: string;
  readonly dataClasses: readonly string[];
};

const CATALOG_URL = new URL(
  '../data/public-breach-catalog.json',
  import.meta.url,
);

let catalog: readonly Breach[] | undefined;

export function loadBreachCatalog(): readonly Breach[] {
  if (catalog === undefined) {
    const text = readFileSync(fileURLToPath(CATALOG_URL), 'utf8');
    catalog = JSON.parse(text) as Breach[];
  }
  return catalog;
}

export function exposesPasswords(breach: Breach): boolean {
  return breach.dataClasses.includes('Passwords');
}
