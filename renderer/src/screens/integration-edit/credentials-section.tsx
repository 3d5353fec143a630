import {
  Badge,
  Group,
  PasswordInput,
  SimpleGrid,
  TextInput,
  Title,
} from '@mantine/core';

import type { IntegrationForm } from './use-integration-form';

/** Name and Kaseya BMS sign-in of the integration. */
export function CredentialsSection({
  form,
  hasStoredPassword,
}: {
  readonly form: IntegrationForm;
  readonly hasStoredPassword: boolean;
}) {
  return (
    <section aria-labelledby="credentials-title">
      <Title order={3} size="h5" mb="xs" id="credentials-title">
        Kaseya BMS sign-in
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Name"
          description="Shown in lists. Must differ from your other integrations."
          withAsterisk
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Kaseya BMS URL"
          description="With or without https://"
          placeholder="bms.kaseya.com"
          withAsterisk
          {...form.getInputProps('bmsUrl')}
        />
        <TextInput
          label="Username"
          withAsterisk
          autoComplete="username"
          {...form.getInputProps('username')}
        />
        <PasswordField form={form} hasStoredPassword={hasStoredPassword} />
        <TextInput
          label="Company"
          description="The company (tenant) name you enter at BMS sign-in"
          withAsterisk
          {...form.getInputProps('company')}
        />
      </SimpleGrid>
    </section>
  );
}

/**
 * The password is write-only: the engine never sends a stored one to the
 * window, so the field starts empty and a badge shows that one is set.
 */
function PasswordField({
  form,
  hasStoredPassword,
}: {
  readonly form: IntegrationForm;
  readonly hasStoredPassword: boolean;
}) {
  const label = hasStoredPassword ? (
    <Group gap="xs" component="span" wrap="nowrap">
      Password
      <Badge size="xs" variant="light" color="teal" component="span" tt="none">
        Password is set
      </Badge>
    </Group>
  ) : (
    'Password'
  );
  return (
    <PasswordInput
      label={label}
      description={
        hasStoredPassword
          ? 'Leave empty to keep the stored password'
          : 'Password of the BMS user'
      }
      placeholder={hasStoredPassword ? 'Unchanged' : undefined}
      withAsterisk={!hasStoredPassword}
      autoComplete="new-password"
      {...form.getInputProps('password')}
    />
  );
}
