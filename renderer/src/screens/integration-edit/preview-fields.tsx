import { Badge, Code, Group, Stack, Text } from '@mantine/core';

import type {
  PreviewField,
  TicketPreview,
} from '../../../../shared/contract/models';

/** Renders the rendered ticket fields, with trimmed ones marked. */
export function PreviewFields({
  fields,
}: {
  readonly fields: readonly PreviewField[];
}) {
  return (
    <Stack gap={6}>
      {fields.map(field => (
        <div key={field.field}>
          <Group gap="xs" wrap="wrap">
            <Text size="xs" fw={700}>
              {field.field}
            </Text>
            {field.isTrimmed && (
              <Badge size="xs" color="orange" variant="light">
                Trimmed from {field.fullLength} to {field.value.length}{' '}
                characters
              </Badge>
            )}
          </Group>
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {field.value === '' ? '(empty)' : field.value}
          </Code>
        </div>
      ))}
    </Stack>
  );
}

/** Tokens used by the mappings: resolved ones, and ones with no value. */
export function PreviewTokens({
  tokens,
}: {
  readonly tokens: TicketPreview['tokens'];
}) {
  if (tokens.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        The mappings use no tokens.
      </Text>
    );
  }
  const resolved = tokens.filter(token => token.hasValue);
  const empty = tokens.filter(token => !token.hasValue);
  return (
    <Stack gap={4}>
      <TokenGroup label="Resolved" names={resolved} color="teal" />
      <TokenGroup label="No value" names={empty} color="orange" />
    </Stack>
  );
}

function TokenGroup({
  label,
  names,
  color,
}: {
  readonly label: string;
  readonly names: TicketPreview['tokens'];
  readonly color: string;
}) {
  if (names.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap">
      <Text size="xs" fw={600}>
        {label}:
      </Text>
      {names.map(token => (
        <Badge
          key={token.token}
          size="xs"
          color={color}
          variant="light"
          tt="none"
        >
          {bracketed(token.token)}
        </Badge>
      ))}
    </Group>
  );
}

/** Writes a token as `[name]`, whether or not the engine sent brackets. */
function bracketed(token: string): string {
  return token.startsWith('[') ? token : `[${token}]`;
}
