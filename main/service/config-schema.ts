import { z } from 'zod';

import { foldIntegrationName } from '../store/repositories/integrations-repository';

/** Name of an environment variable that contains a password. */
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const DEFAULT_DWID_URL = 'https://secure.darkwebid.com';

export const sourceSchema = z
  .object({
    url: z.url().default(DEFAULT_DWID_URL),
    username: nonEmpty,
    passwordEnv: envName.optional(),
  })
  .strict();

export const integrationSchema = z
  .object({
    name: nonEmpty.max(100, 'must be at most 100 characters').refine(
      // An empty name already fails `nonEmpty`.
      name => name === '' || foldIntegrationName(name) !== '',
      'must not be only invisible characters',
    ),
    bmsUrl: nonEmpty,
    username: nonEmpty,
    passwordEnv: envName.optional(),
    company: nonEmpty,
    conditions: z
      .object({
        skipWithoutPassword: z.boolean().default(false),
        includeIpCompromises: z.boolean().default(false),
      })
      .strict()
      .default({ skipWithoutPassword: false, includeIpCompromises: false }),
    fieldMappings: z.record(z.string(), z.string()).default({}),
    organizations: z.union([z.literal('*'), z.array(nonEmpty)]).optional(),
    companyLinks: z
      .array(z.object({ organization: nonEmpty, account: nonEmpty }).strict())
      .default([]),
  })
  .strict();

/** Declarative configuration read by `dwid-bms apply FILE`. */
export const connectorConfigSchema = z
  .object({
    source: sourceSchema.optional(),
    integrations: z.array(integrationSchema).default([]),
  })
  .strict();

/**
 * Top level of the configuration alone, so that `apply` can check the source
 * and each integration separately and report the problems of all of them.
 */
export const configOutlineSchema = z
  .object({
    source: z.unknown().optional(),
    integrations: z.array(z.unknown()).default([]),
  })
  .strict();

export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;
export type SourceConfig = NonNullable<ConnectorConfig['source']>;
export type IntegrationConfig = ConnectorConfig['integrations'][number];
