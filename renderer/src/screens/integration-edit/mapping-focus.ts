import type { RefObject } from 'react';

/** The text mapping that was focused last, where tokens are inserted. */
export type FocusedMapping = {
  /** `key` of the mapping row. */
  readonly rowKey: string;
  readonly element: HTMLInputElement | HTMLTextAreaElement;
};

export type MappingFocusRef = RefObject<FocusedMapping | null>;
