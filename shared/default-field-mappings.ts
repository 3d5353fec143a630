import { REQUIRED_FIELD_LABELS } from './ticket-fields';

/**
 * Returns the eight required mappings with their default content. The ids
 * that differ per BMS tenant are empty, so the technician must pick them.
 * Details shows the obscured password, never the plain `[password]`.
 */
export function defaultFieldMappings(): Record<string, string> {
  const defaults: Record<string, string> = {
    'Catchall Account': '',
    'Catchall Location': '',
    'Ticket Source': '5',
    'Ticket Type': '',
    Title: 'Compromised credential: [search_value]',
    Details: [
      'Dark Web ID found a compromised credential for [organization_name].',
      '',
      'Record type: [record_type]',
      'Found: [search_value]',
      'Source: [source]',
      'Origin: [origin]',
      'Compromise: [compromise]',
      'Date found: [date_found]',
      'Date added: [date_added]',
      'Password criteria: [password_criteria]',
      'Password (obscured): [obscured_password]',
      'Personal information: [pii]',
    ].join('\n'),
    Status: '',
    Priority: '',
  };
  // Keys follow the catalogue order, which is the order the screen shows.
  return Object.fromEntries(
    REQUIRED_FIELD_LABELS.map(label => [label, defaults[label] ?? '']),
  );
}
