import { Title } from '@mantine/core';

/** The delivery ledger: one row per compromise and integration. */
export function ActivityScreen() {
  return <Title order={2}>Activity</Title>;
}
