import { Center, Code, Paper, Stack, Text, Title } from '@mantine/core';

/**
 * Shown when the page was opened without the bridge's access token, for
 * example from a bookmark without the `#token=` part.
 */
export function MissingTokenPage() {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={560}>
        <Stack gap="sm">
          <Title order={1} size="h3">
            Open the link with its access token
          </Title>
          <Text>
            This page talks to the connector only with the token that{' '}
            <Code>dwid-bms serve</Code> printed when it started. Open the full
            link it printed, which ends in <Code>#token=…</Code>.
          </Text>
          <Text size="sm" c="dimmed">
            A new token is made each time the connector starts, so an old link
            stops working after a restart.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
