import { readFileSync } from 'node:fs';

import { ConnectorError } from '../../errors';
import type { ConnectorService } from '../../service/connector-service';
import { formatTable, printJson, printLines } from '../output';

/** Reads standard input to its end. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(
      typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer),
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConnectorError(
      'not-found',
      `Cannot read configuration file ${file}: ${(error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConnectorError(
      'validation',
      `Configuration file ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

export async function applyCommand(
  service: ConnectorService,
  file: string,
  options: { json?: boolean; passwordStdin?: boolean },
): Promise<void> {
  const config = readConfigFile(file);
  const stdinPasswords =
    options.passwordStdin === true
      ? (await readStdin()).split(/\r?\n/).filter(line => line !== '')
      : undefined;
  const result = service.apply(config, { env: process.env, stdinPasswords });
  if (options.json === true) {
    printJson(result);
    return;
  }
  const lines = result.integrations.map(
    item =>
      `${item.created ? 'Created' : 'Updated'} integration "${item.name}"`,
  );
  if (result.source === 'saved') {
    lines.unshift('Saved the Dark Web ID connection');
  }
  printLines(lines.length > 0 ? lines : ['Nothing to apply']);
}

export function integrationListCommand(
  service: ConnectorService,
  options: { json?: boolean },
): void {
  const integrations = service.listIntegrations();
  if (options.json === true) {
    printJson(integrations);
    return;
  }
  if (integrations.length === 0) {
    printLines(['No integrations yet. Create one with: dwid-bms apply FILE']);
    return;
  }
  printLines(
    formatTable(
      ['NAME', 'HEALTH', 'ORGANIZATIONS', 'LAST SYNC', 'BMS URL'],
      integrations.map(item => [
        item.name,
        item.health === 'healthy'
          ? 'Healthy'
          : `Unhealthy (${item.consecutiveFailures} failures)`,
        String(item.organizations),
        item.lastSyncAt ?? 'never',
        item.bmsUrl,
      ]),
    ),
  );
}
