/**
 * Limits that both the contract and the window check. This file imports
 * nothing, so the renderer can use it without bundling zod.
 */

/** Longest accepted name for a company or organization, in characters. */
export const MAX_NAME_LENGTH = 255;
