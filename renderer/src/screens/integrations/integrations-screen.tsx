import { Title } from '@mantine/core';

/** The list of Kaseya BMS integrations. */
export function IntegrationsScreen() {
  return <Title order={2}>Integrations</Title>;
}
