import type { FaultController } from '../faults';
import { readBody, type Exchange } from '../http-server';
import type { BmsAccount } from './bms-types';
import { sendFailure, sendResult, VALIDATION_ERROR_CODE } from './envelope';
import { getRequestBodyValidator } from './ticket-schema';

/** Route template of `PatchAccount` in the vendor document. */
export const PATCH_ACCOUNT_TEMPLATE = '/v2/crm/accounts/{id}';

/** Data the account routes read and change. */
export type AccountContext = {
  readonly tenant: string;
  readonly accounts: BmsAccount[];
  readonly faults: FaultController<string>;
};

/** The only patch path the emulator applies, compared case-insensitively. */
const ACCOUNT_NAME_PATH = '/accountname';

/**
 * Handles `PATCH /v2/crm/accounts/{id}`: a JSON Patch array of the vendor
 * `Operation` schema. Only `replace` (or `add`) of `/AccountName` with a
 * non-blank string is applied. Other operations get HTTP 400, because the
 * emulator's accounts have no other writable field.
 */
export async function handlePatchAccount(
  exchange: Exchange,
  context: AccountContext,
  accountId: number,
): Promise<void> {
  if (!isJsonContentType(exchange.req.headers['content-type'])) {
    rejectPatch(exchange, 415, [
      `content-type: "${exchange.req.headers['content-type'] ?? ''}" is ` +
        'not supported; send application/json-patch+json',
    ]);
    return;
  }
  const text = (await readBody(exchange.req)).toString('utf8');
  const body = parseJson(text);
  const check =
    body === undefined
      ? { valid: false as const, messages: ['body: is not valid JSON'] }
      : getRequestBodyValidator('PATCH', PATCH_ACCOUNT_TEMPLATE)(body);
  if (!check.valid) {
    rejectPatch(exchange, 400, check.messages);
    return;
  }

  const index = context.accounts.findIndex(account => account.id === accountId);
  const account = context.accounts[index];
  if (account === undefined) {
    sendFailure(exchange, 404, {
      code: VALIDATION_ERROR_CODE,
      message: `Account ${accountId} not found`,
    });
    return;
  }
  const newName = readNewName(body as readonly PatchOperation[]);
  if (typeof newName !== 'string') {
    rejectPatch(exchange, 400, newName.problems);
    return;
  }

  exchange.entry.bodyValid = true;
  const renamed: BmsAccount = { ...account, name: newName };
  context.accounts[index] = renamed;
  if (isDroppedAfterStore(exchange, context)) return;
  sendResult(exchange, toAccountSummaryDto(renamed, context.tenant));
}

type PatchOperation = {
  readonly op?: string | null;
  readonly path?: string | null;
  readonly value?: unknown;
};

/** Returns the name the operations set, or why they cannot be applied. */
function readNewName(
  operations: readonly PatchOperation[],
): string | { readonly problems: string[] } {
  const problems: string[] = [];
  let newName: string | undefined;
  operations.forEach((operation, index) => {
    const op = (operation.op ?? '').toLowerCase();
    const path = (operation.path ?? '').toLowerCase();
    if ((op !== 'replace' && op !== 'add') || path !== ACCOUNT_NAME_PATH) {
      problems.push(
        `${index}: operation "${operation.op ?? ''}" on ` +
          `"${operation.path ?? ''}" is not supported`,
      );
    } else if (
      typeof operation.value !== 'string' ||
      operation.value.trim() === ''
    ) {
      problems.push(`${index}.value: AccountName must be a non-blank string`);
    } else {
      newName = operation.value;
    }
  });
  if (problems.length === 0 && newName === undefined) {
    problems.push('body: no operation sets /AccountName');
  }
  return problems.length > 0 || newName === undefined ? { problems } : newName;
}

/** Camel-cased subset of the vendor's `AccountSummaryOutputDto`. */
function toAccountSummaryDto(
  account: BmsAccount,
  tenant: string,
): Record<string, unknown> {
  return {
    id: account.id,
    accountCode: null,
    accountName: account.name,
    isActive: account.isActive,
    tenantName: tenant,
    modifiedOn: new Date().toISOString(),
  };
}

/**
 * True when a `drop-after-store` fault matches: the rename is kept but the
 * socket is closed, so the client cannot tell whether it took effect.
 */
function isDroppedAfterStore(
  exchange: Exchange,
  context: AccountContext,
): boolean {
  const drop = context.faults.take(
    exchange.entry.method,
    exchange.entry.path + exchange.url.search,
    ['drop-after-store'],
  );
  if (drop === undefined) return false;
  exchange.req.socket.destroy();
  return true;
}

/**
 * True for the request content types the vendor document lists for
 * `PatchAccount`: application/json-patch+json, application/json,
 * text/json and application/*+json.
 */
function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === 'application/json' ||
    type === 'text/json' ||
    /^application\/[a-z0-9.-]+\+json$/.test(type)
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function rejectPatch(
  exchange: Exchange,
  httpStatus: number,
  reasons: readonly string[],
): void {
  exchange.entry.bodyValid = false;
  sendFailure(exchange, httpStatus, {
    code: VALIDATION_ERROR_CODE,
    message: 'One or more validation errors occurred.',
    details: reasons.join(' '),
    subErrors: reasons,
  });
}
