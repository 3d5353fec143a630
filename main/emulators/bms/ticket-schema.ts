import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Request-body validation against Kaseya's own OpenAPI 3.0.1 document
 * ("BMS API 2.0"), copied into `vendor/` so the emulator reads no file
 * outside the project.
 */
const VENDOR_DOCUMENT_URL = new URL(
  '../vendor/kaseya-bms-openapi-v2.json',
  import.meta.url,
);

const SCHEMA_REF_PREFIX = '#/components/schemas/';

type JsonObject = Record<string, unknown>;

export type SchemaCheck =
  | { readonly valid: true }
  | { readonly valid: false; readonly messages: readonly string[] };

export type BodyValidator = (body: unknown) => SchemaCheck;

type VendorDocument = {
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components: { readonly schemas: JsonObject };
};

let vendorDocument: VendorDocument | undefined;

function loadVendorDocument(): VendorDocument {
  if (vendorDocument === undefined) {
    const text = readFileSync(fileURLToPath(VENDOR_DOCUMENT_URL), 'utf8');
    vendorDocument = JSON.parse(text) as VendorDocument;
  }
  return vendorDocument;
}

function loadVendorSchemas(): JsonObject {
  return loadVendorDocument().components.schemas;
}

/**
 * Builds a standalone JSON schema for one vendor component: the component
 * plus every component it references, moved under `definitions`.
 */
export function extractComponentSchema(name: string): JsonObject {
  const definitions = collectDefinitions([name]);
  const root = definitions[name] as JsonObject;
  return { ...root, definitions };
}

/**
 * Builds a standalone JSON schema for the `application/json` request body
 * of one vendor operation, such as `patch` of `/v2/crm/accounts/{id}`.
 */
export function extractRequestBodySchema(
  method: string,
  template: string,
): JsonObject {
  const operation = loadVendorDocument().paths[template]?.[
    method.toLowerCase()
  ] as
    | { requestBody?: { content?: Record<string, { schema?: unknown }> } }
    | undefined;
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  if (schema === undefined) {
    throw new Error(
      `Vendor document has no JSON request body for ${method} ${template}.`,
    );
  }
  const found: string[] = [];
  const root = rewriteRefs(schema, found) as JsonObject;
  return { ...root, definitions: collectDefinitions(found) };
}

/** Returns the named components and every component they reference. */
function collectDefinitions(names: readonly string[]): JsonObject {
  const schemas = loadVendorSchemas();
  const definitions: JsonObject = {};
  const pending = [...names];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (next in definitions) continue;
    const schema = schemas[next];
    if (schema === undefined) {
      throw new Error(`Vendor document has no schema named "${next}".`);
    }
    definitions[next] = rewriteRefs(schema, pending);
  }
  return definitions;
}

/**
 * Copies `value`, pointing component `$ref`s at `definitions` and dropping
 * `nullable` where no `type` is given.
 */
function rewriteRefs(value: unknown, found: string[]): unknown {
  if (Array.isArray(value)) return value.map(item => rewriteRefs(item, found));
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (
      key === '$ref' &&
      typeof child === 'string' &&
      child.startsWith(SCHEMA_REF_PREFIX)
    ) {
      const target = child.slice(SCHEMA_REF_PREFIX.length);
      found.push(target);
      copy[key] = `#/definitions/${target}`;
    } else {
      copy[key] = rewriteRefs(child, found);
    }
  }
  if ('nullable' in copy && !('type' in copy)) {
    // `value` of the vendor `Operation` is `{ nullable: true }`: any value
    // in OpenAPI 3.0, but a schema that Ajv refuses to compile.
    delete copy.nullable;
  }
  return copy;
}

let ajv: Ajv | undefined;

function getAjv(): Ajv {
  if (ajv === undefined) {
    // `nullable` is the OpenAPI 3.0 keyword, which Ajv supports natively.
    ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv, ['int32', 'int64', 'double', 'float']);
    // .NET binds date-times with or without a zone, so the schema accepts
    // both, and the ticket rules reject a zone-less OpenDate separately.
    ajv.addFormat('date-time', addFormats.get('iso-date-time'));
  }
  return ajv;
}

const validators = new Map<string, ValidateFunction>();

/** Returns a validator for the vendor component `name` (compiled once). */
export function getBodyValidator(name: string): BodyValidator {
  return getCachedValidator(name, () => extractComponentSchema(name));
}

/** Returns a validator for the JSON request body of a vendor operation. */
export function getRequestBodyValidator(
  method: string,
  template: string,
): BodyValidator {
  return getCachedValidator(`${method.toUpperCase()} ${template}`, () =>
    extractRequestBodySchema(method, template),
  );
}

function getCachedValidator(
  key: string,
  buildSchema: () => JsonObject,
): BodyValidator {
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = getAjv().compile(buildSchema());
    validators.set(key, validate);
  }
  const compiled = validate;
  return body =>
    compiled(body)
      ? { valid: true }
      : { valid: false, messages: (compiled.errors ?? []).map(describeError) };
}

/** Renders an Ajv error as `Field: problem`, naming the property at fault. */
function describeError(error: ErrorObject): string {
  const field = error.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string })
      .missingProperty;
    return `${joinField(field, missing)}: is required`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string })
      .additionalProperty;
    return `${joinField(field, extra)}: is not a known property`;
  }
  return `${field === '' ? 'body' : field}: ${error.message ?? 'is invalid'}`;
}

function joinField(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}
