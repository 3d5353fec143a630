import type { RecordType } from '../../shared/domain';

/** Ticket conditions of one integration. Both are off by default. */
export type TicketConditions = {
  /** `Do not send PSA ticket if no password is found`. */
  readonly skipWithoutPassword: boolean;
  /** `Enable processing of IP address-related compromises`. */
  readonly includeIpCompromises: boolean;
};

/** Stable reasons recorded on a skipped delivery. */
export const SKIP_REASONS = {
  noPassword: 'no-password',
  ipCompromise: 'ip-compromise',
  noAssociation: 'no-association',
} as const;

export type DeliveryDecision =
  | { readonly state: 'pending' }
  | { readonly state: 'skipped'; readonly reason: string };

/** Decides whether a compromise of an associated organization gets a ticket. */
export function decideDelivery(
  compromise: { readonly recordType: string; readonly hasPassword: boolean },
  conditions: TicketConditions,
): DeliveryDecision {
  const recordType = compromise.recordType as RecordType;
  if (recordType === 'IP' && !conditions.includeIpCompromises) {
    return { state: 'skipped', reason: SKIP_REASONS.ipCompromise };
  }
  if (conditions.skipWithoutPassword && !compromise.hasPassword) {
    return { state: 'skipped', reason: SKIP_REASONS.noPassword };
  }
  return { state: 'pending' };
}
