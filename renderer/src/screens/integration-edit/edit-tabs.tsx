import { Badge, Tabs } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';

import type {
  IntegrationDetail,
  Lookups,
} from '../../../../shared/contract/models';
import { CompanyMappingPanel } from '../company-mapping/company-mapping-panel';
import { IntegrationOrganizationsPanel } from '../organizations/integration-organizations-panel';
import { FieldMappingsSection } from './field-mappings-section';
import { CREDENTIAL_PATHS } from './integration-form';
import type { FocusedMapping } from './mapping-focus';
import { SettingsPanel } from './settings-panel';
import type { IntegrationForm } from './use-integration-form';

const SETTINGS_PATHS: ReadonlySet<string> = new Set(
  Object.values(CREDENTIAL_PATHS),
);

/**
 * Renders the edit screen's tabs. Panels stay mounted and share one form, so Save
 * covers every tab. The two panels that need a stored integration appear
 * after the first save.
 */
export function EditTabs({
  form,
  integrationId,
  detail,
  lookups,
}: {
  readonly form: IntegrationForm;
  readonly integrationId: number | undefined;
  readonly detail: IntegrationDetail | null;
  readonly lookups: Lookups | null;
}) {
  const [tab, setTab] = useState<string | null>('settings');
  const focusRef = useRef<FocusedMapping | null>(null);
  const errorPaths = Object.keys(form.errors);
  const settingsErrors = errorPaths.filter(p => SETTINGS_PATHS.has(p)).length;
  const mappingErrors = errorPaths.filter(p =>
    p.startsWith('fieldMappings.'),
  ).length;

  return (
    <Tabs value={tab} onChange={setTab} keepMounted>
      <Tabs.List>
        <Tabs.Tab
          value="settings"
          rightSection={<ErrorCount count={settingsErrors} />}
        >
          Settings
        </Tabs.Tab>
        {integrationId !== undefined && (
          <Tabs.Tab value="company-mapping">Kaseya Company Mapping</Tabs.Tab>
        )}
        <Tabs.Tab
          value="field-mappings"
          rightSection={<ErrorCount count={mappingErrors} />}
        >
          Field Mappings
        </Tabs.Tab>
        {integrationId !== undefined && (
          <Tabs.Tab value="organizations">Organizations</Tabs.Tab>
        )}
      </Tabs.List>
      <Panel value="settings">
        <SettingsPanel form={form} detail={detail} />
      </Panel>
      {integrationId !== undefined && (
        <Panel value="company-mapping">
          <CompanyMappingPanel integrationId={integrationId} />
        </Panel>
      )}
      <Panel value="field-mappings">
        <FieldMappingsSection
          form={form}
          integrationId={integrationId}
          lookups={lookups}
          focusRef={focusRef}
        />
      </Panel>
      {integrationId !== undefined && (
        <Panel value="organizations">
          <IntegrationOrganizationsPanel integrationId={integrationId} />
        </Panel>
      )}
    </Tabs>
  );
}

function Panel({
  value,
  children,
}: {
  readonly value: string;
  readonly children: ReactNode;
}) {
  return (
    <Tabs.Panel value={value} pt="md">
      {children}
    </Tabs.Panel>
  );
}

function ErrorCount({ count }: { readonly count: number }) {
  if (count === 0) return null;
  const text = count === 1 ? '1 problem' : `${count} problems`;
  return (
    <Badge size="xs" color="red" variant="filled" aria-label={text}>
      {count}
    </Badge>
  );
}
