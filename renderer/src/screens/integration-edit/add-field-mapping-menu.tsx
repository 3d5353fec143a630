import { Button, Menu, Text } from '@mantine/core';

import { TICKET_FIELDS } from '../../../../shared/ticket-fields';
import { createMappingRow } from './integration-form';
import type { IntegrationForm } from './use-integration-form';

/** `+ Add Field Mapping`: a menu of the optional fields not mapped yet. */
export function AddFieldMappingMenu({
  form,
}: {
  readonly form: IntegrationForm;
}) {
  const used = new Set(form.getValues().fieldMappings.map(row => row.field));
  const available = TICKET_FIELDS.filter(
    field => !field.required && !used.has(field.label),
  );

  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="light"
          disabled={available.length === 0}
          title={
            available.length === 0 ? 'Every ticket field is mapped' : undefined
          }
        >
          + Add Field Mapping
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        {available.map(field => (
          <Menu.Item
            key={field.label}
            onClick={() =>
              form.insertListItem(
                'fieldMappings',
                createMappingRow(field.label),
              )
            }
          >
            <Text size="sm">{field.label}</Text>
            <Text size="xs" c="dimmed">
              {field.description}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
