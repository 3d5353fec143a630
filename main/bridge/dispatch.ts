import type { z } from 'zod';

import {
  CONTRACT,
  isCallName,
  type CallName,
} from '../../shared/contract/calls';
import type { Result } from '../../shared/errors';
import { ConnectorError, toErrorData } from '../errors';
import { getLogger, redactText } from '../log/logger';
import type { ConnectorService } from '../service/connector-service';
import { HANDLERS } from '../service/handlers/handlers';

/**
 * Runs the call `name` with an input of unknown shape, as both transports
 * receive it. The input is parsed with the contract first and the output is
 * checked against it, so neither side can drift from `shared/contract`.
 * Never throws: every failure comes back as `{ ok: false, error }`.
 */
export async function dispatchCall(
  service: ConnectorService,
  name: string,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return failure(
      new ConnectorError('not-found', `Unknown call "${name.slice(0, 80)}".`),
    );
  }
  const entry = CONTRACT[name];
  const parsed = entry.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return failure(
      new ConnectorError(
        'validation',
        `Invalid input for ${name}: ${describeIssues(parsed.error)}`,
      ),
    );
  }

  try {
    const handler = HANDLERS[name] as (
      service: ConnectorService,
      input: unknown,
    ) => unknown;
    const value = await handler(service, parsed.data);
    return { ok: true, value: checkOutput(name, value) };
  } catch (error) {
    return failure(error, name);
  }
}

function checkOutput(name: CallName, value: unknown): unknown {
  const checked = CONTRACT[name].output.safeParse(value);
  if (!checked.success) {
    throw new ConnectorError(
      'internal',
      `The reply of ${name} does not match the contract: ` +
        describeIssues(checked.error),
    );
  }
  return checked.data;
}

function failure(error: unknown, name?: CallName): Result<never> {
  const data = toErrorData(error);
  if (data.code === 'internal') {
    getLogger('bridge').error({ call: name, err: error }, 'call failed');
  }
  // Messages are built from stored data, so a secret could end up in one.
  // The log sink's redaction therefore runs before the message leaves.
  const message = redactText(data.message);
  if (data.problems === undefined) {
    return { ok: false, error: { code: data.code, message } };
  }
  // A field label can come from the caller's own mapping list, so it is
  // redacted too.
  const problems = data.problems.map(problem => ({
    field: redactText(problem.field),
    message: redactText(problem.message),
  }));
  return { ok: false, error: { code: data.code, message, problems } };
}

/** Lists the first few problems of a zod error as `path: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(issue => {
      const path = issue.path.join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}
