import { Title } from '@mantine/core';

/** Dark Web ID organizations and their associated integration. */
export function OrganizationsScreen() {
  return <Title order={2}>Organizations</Title>;
}
