import type { IntegrationForm } from './use-integration-form';
import type { MappingFocusRef } from './mapping-focus';
import { insertToken } from './token-insertion';

/** Field that receives tokens before any text mapping was focused. */
const FALLBACK_FIELD = 'Details';

/**
 * Returns a function that inserts `[token]` at the caret of the text mapping
 * focused last, replacing its selection. A mouse click puts focus back into
 * that field after the token. Keyboard activation leaves focus on the token
 * button, so several tokens can be inserted in a row, and moves the stored
 * caret past each inserted token.
 */
export function useTokenInserter(
  form: IntegrationForm,
  focusRef: MappingFocusRef,
): (token: string, isKeyboard: boolean) => void {
  return (token, isKeyboard) => {
    const rows = form.getValues().fieldMappings;
    const focused = focusRef.current;
    const rowKey =
      focused?.rowKey ?? rows.find(row => row.field === FALLBACK_FIELD)?.key;
    const index = rows.findIndex(row => row.key === rowKey);
    const row = rows[index];
    if (row === undefined) return;

    const element = focused?.rowKey === row.key ? focused.element : null;
    const start = element?.selectionStart ?? row.content.length;
    const end = element?.selectionEnd ?? start;
    const result = insertToken(row.content, token, start, end);
    form.setFieldValue(`fieldMappings.${index}.content`, result.text);
    if (element === null) return;

    // React writes the new value on the next render; place the caret after.
    requestAnimationFrame(() => {
      if (!isKeyboard) element.focus();
      element.setSelectionRange(result.caret, result.caret);
    });
  };
}
