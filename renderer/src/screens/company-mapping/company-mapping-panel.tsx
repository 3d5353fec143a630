import { Title } from '@mantine/core';

/** Kaseya Company Mapping of one integration. */
export function CompanyMappingPanel({
  integrationId,
}: {
  readonly integrationId: number;
}) {
  return <Title order={3}>Kaseya Company Mapping {integrationId}</Title>;
}
