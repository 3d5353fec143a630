import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { BmsClient } from '../clients/bms/bms-client';
import type { RateBudget } from '../clients/bms/request-budget';
import { DwidClient } from '../clients/dwid/dwid-client';
import type {
  ConnectorEvent,
  ConnectorEventListener,
} from '../../shared/contract/events';
import { ConnectorError } from '../errors';
import { getLogger, registerSecret } from '../log/logger';
import { buildTicket } from '../engine/tickets/build-ticket';
import {
  SAMPLE_ORGANIZATION_NAME,
  sampleCompromise,
} from '../engine/tickets/sample-compromise';
import type { RequestOutcome } from '../engine/sync/health-tracker';
import { HealthTracker } from '../engine/sync/health-tracker';
import {
  createLeaseHolder,
  holdEngineLease,
  type HeldEngineLease,
} from '../engine/sync/engine-lease';
import {
  runSync,
  type SyncIntegration,
  type SyncOptions,
  type SyncReport,
} from '../engine/sync/run-sync';
import { openStore, type Store } from '../store/open-store';
import { createKeyFileSecretBox, type SecretBox } from '../store/secret-box';
import { acquireSyncLock, SYNC_LOCK_FILE } from '../store/sync-lock';
import {
  applyConfig,
  type ApplyResult,
  type PasswordSources,
} from './apply-config';

/** Timeouts and retry pacing of both clients; tests shorten them. */
export type ClientTuning = {
  readonly timeoutMs?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Kaseya BMS calls per endpoint; the published budget when absent. */
  readonly bmsBudget?: RateBudget | null;
};

export type ServiceOptions = {
  /** Folder holding the database, the key file and the logs. */
  readonly dataDir: string;
  readonly clientTuning?: ClientTuning;
  /**
   * Encrypts stored passwords: the key file in `dataDir` when absent. The
   * desktop app passes one backed by Electron safeStorage.
   */
  readonly secretBox?: SecretBox;
};

export type IntegrationSummary = {
  readonly id: number;
  readonly name: string;
  readonly bmsUrl: string;
  readonly username: string;
  readonly company: string;
  readonly hasPassword: boolean;
  readonly organizations: number;
  readonly health: 'healthy' | 'unhealthy';
  readonly consecutiveFailures: number;
  readonly lastSyncAt: string | null;
};

export type TestTicketResult = {
  readonly ticketId: number;
  readonly ticketNumber: string;
  readonly accountId: number;
};

/** File name of the database inside the data folder. */
export const DATABASE_FILE = 'connector.db';

/**
 * Every operation the CLI, the HTTP bridge and the desktop app may call. It
 * owns the store and builds the HTTP clients from stored configuration.
 */
export class ConnectorService {
  readonly store: Store;
  private readonly dataDir: string;
  private readonly tuning: ClientTuning;
  private readonly listeners = new Set<ConnectorEventListener>();
  /** This service's identity in the engine lease. */
  private readonly leaseHolder = createLeaseHolder();

  private constructor(store: Store, dataDir: string, tuning: ClientTuning) {
    this.store = store;
    this.dataDir = dataDir;
    this.tuning = tuning;
  }

  /** Opens (or creates) the data folder and its database. */
  static open(options: ServiceOptions): ConnectorService {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const store = openStore({
      file: join(options.dataDir, DATABASE_FILE),
      secretBox: options.secretBox ?? createKeyFileSecretBox(options.dataDir),
    });
    return new ConnectorService(
      store,
      options.dataDir,
      options.clientTuning ?? {},
    );
  }

  close(): void {
    this.listeners.clear();
    this.store.close();
  }

  /** Registers a listener for events sent to the UI; returns its removal. */
  subscribe(listener: ConnectorEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `event` to every listener; a failing listener is logged. */
  emit(event: ConnectorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        getLogger('service').error({ err: error }, 'event listener failed');
      }
    }
  }

  apply(config: unknown, passwords: PasswordSources): ApplyResult {
    return applyConfig(this.store, config, passwords);
  }

  listIntegrations(): IntegrationSummary[] {
    const counts = this.store.associations.countByIntegration();
    return this.store.integrations.list().map(row => {
      const health = this.store.health.get(row.id);
      return {
        id: row.id,
        name: row.name,
        bmsUrl: row.bmsUrl,
        username: row.username,
        company: row.tenant,
        hasPassword: row.hasPassword,
        organizations: counts.get(row.id) ?? 0,
        health: health.isHealthy ? 'healthy' : 'unhealthy',
        consecutiveFailures: health.consecutiveFailures,
        lastSyncAt: health.lastSyncAt,
      };
    });
  }

  /**
   * Runs one sync. Throws a `conflict` error, before pulling or delivering
   * anything, when another sync in this or another process holds the sync
   * lock or the engine lease of the data folder, and during the run when
   * another engine takes the lease over.
   */
  async sync(options: Omit<SyncOptions, 'now'> = {}): Promise<SyncReport> {
    const lock = acquireSyncLock(join(this.dataDir, SYNC_LOCK_FILE));
    let lease: HeldEngineLease | undefined;
    try {
      lease = holdEngineLease(this.store.engineLease, this.leaseHolder);
      return await runSync(
        {
          store: this.store,
          createDwidClient: () => this.createDwidClient(),
          createBmsClient: (integration, onOutcome) =>
            this.createBmsClient(integration.id, onOutcome),
          checkLease: () => lease?.check(),
        },
        options,
      );
    } finally {
      lease?.release();
      lock.release();
    }
  }

  /**
   * Creates one ticket from built-in sample data through the same rendering
   * and client as a real compromise. It goes to the Catchall Account.
   */
  async submitTestTicket(integrationName: string): Promise<TestTicketResult> {
    return this.submitTestTicketById(
      this.requireIntegration(integrationName).id,
    );
  }

  /** Like `submitTestTicket`, for the integration with this id. */
  async submitTestTicketById(integrationId: number): Promise<TestTicketResult> {
    const integration = this.requireIntegrationById(integrationId);
    const health = new HealthTracker(this.store, integration, () => undefined);
    const client = this.createBmsClient(integration.id, outcome =>
      health.record(outcome),
    );
    const built = buildTicket({
      compromise: sampleCompromise(new Date(), randomUUID()),
      organizationName: SAMPLE_ORGANIZATION_NAME,
      mappings: this.store.fieldMappings.get(integration.id),
      company: null,
      openDate: new Date(),
    });
    if (!built.ok) {
      const message = built.problems
        .map(p => `${p.field}: ${p.message}`)
        .join('; ');
      throw new ConnectorError(
        'validation',
        `The test ticket cannot be built: ${message}`,
      );
    }
    const ticket = await client.createTicket(built.ticket);
    return {
      ticketId: ticket.id,
      ticketNumber: ticket.ticketNumber,
      accountId: built.ticket.AccountId,
    };
  }

  requireIntegration(name: string): SyncIntegration & { id: number } {
    const integration = this.store.integrations.getByName(name);
    if (integration === null) {
      const known = this.store.integrations.list().map(row => `"${row.name}"`);
      throw new ConnectorError(
        'not-found',
        `No integration is named "${name}"` +
          (known.length > 0
            ? `; known: ${known.join(', ')}`
            : '; run apply first'),
      );
    }
    return integration;
  }

  /** Returns the integration with this id, or throws `not-found`. */
  requireIntegrationById(id: number): SyncIntegration & { id: number } {
    const integration = this.store.integrations.getById(id);
    if (integration === null) {
      throw new ConnectorError(
        'not-found',
        `No integration with id ${id} exists; reload the list of integrations.`,
      );
    }
    return integration;
  }

  /** Builds the Dark Web ID client from stored settings; null when unset. */
  createDwidClient(): DwidClient | null {
    const source = this.store.source.get();
    if (source === null) return null;
    const password = this.store.source.getPassword();
    if (password === null) {
      throw new ConnectorError(
        'validation',
        'The Dark Web ID password is not set; apply a configuration with it',
      );
    }
    registerSecret(password);
    return new DwidClient({
      url: source.url,
      username: source.username,
      password,
      timeoutMs: this.tuning.timeoutMs,
      retryBaseMs: this.tuning.retryBaseMs,
      retryMaxMs: this.tuning.retryMaxMs,
    });
  }

  /** Builds the BMS client of one integration from its stored settings. */
  createBmsClient(
    integrationId: number,
    onOutcome: (outcome: RequestOutcome) => void,
  ): BmsClient {
    const integration = this.store.integrations.getById(integrationId);
    const password = this.store.integrations.getPassword(integrationId);
    if (integration === null || password === null) {
      throw new ConnectorError(
        'validation',
        'The Kaseya BMS password is not set; apply a configuration with it',
      );
    }
    registerSecret(password);
    return new BmsClient({
      apiBaseUrl: integration.apiBaseUrl,
      username: integration.username,
      password,
      tenant: integration.tenant,
      onRequestOutcome: onOutcome,
      timeoutMs: this.tuning.timeoutMs,
      retryBaseMs: this.tuning.retryBaseMs,
      retryMaxMs: this.tuning.retryMaxMs,
      budget: this.tuning.bmsBudget,
    });
  }
}
