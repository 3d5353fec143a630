/** Ticket building: tokens, rendering, trimming, the marker and checks. */
export type { FieldMappings, FieldProblem } from './field-mappings';
export { countGraphemes, splitGraphemes, trimToGraphemes } from './graphemes';
export {
  formatPii,
  formatUtcDate,
  obscurePassword,
  tokenValues,
} from './token-values';
export type { RenderResult } from './render';
export { findTokens, renderTemplate } from './render';
export {
  appendMarker,
  detailsMinimumLength,
  hasMarker,
  ticketMarker,
} from './marker';
export type { BuildResult, BuildTicketInput, CompanyIds } from './build-ticket';
export { buildTicket } from './build-ticket';
export type { LookupEntry, MappingLookups } from './validate-mappings';
export {
  defaultFieldMappings,
  validateFieldMappings,
} from './validate-mappings';
export { suggestToken } from './token-suggestion';
export {
  SAMPLE_COMPROMISE_UUID,
  SAMPLE_ORGANIZATION_NAME,
  sampleCompromise,
} from './sample-compromise';
