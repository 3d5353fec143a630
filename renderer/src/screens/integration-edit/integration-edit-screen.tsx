import { Title } from '@mantine/core';

/** Creates or edits one integration; `id` absent creates a new one. */
export function IntegrationEditScreen({ id }: { readonly id?: number }) {
  return (
    <Title order={2}>
      {id === undefined ? 'New Integration' : 'Edit Integration'}
    </Title>
  );
}
