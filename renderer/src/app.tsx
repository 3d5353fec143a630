import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

import { ColorSchemeToggle } from './components/color-scheme-toggle';
import { PendingChangesIndicator } from './components/pending-changes-indicator';
import { SyncControl } from './components/sync-control';
import { getConnector } from './connector/connector';
import { ActivityScreen } from './screens/activity/activity-screen';
import { IntegrationEditScreen } from './screens/integration-edit/integration-edit-screen';
import { IntegrationsScreen } from './screens/integrations/integrations-screen';
import { OrganizationsScreen } from './screens/organizations/organizations-screen';
import { useEventsStore } from './stores/events-store';
import { useNavigationStore, type Screen } from './stores/navigation-store';

const SECTIONS = [
  { label: 'Integrations', screen: { name: 'integrations' } },
  { label: 'Organizations', screen: { name: 'organizations' } },
  { label: 'Activity', screen: { name: 'activity' } },
] as const satisfies readonly { label: string; screen: Screen }[];

/** Renders the window: navigation on the left, the open screen on the right. */
export function App() {
  const screen = useNavigationStore(state => state.screen);
  const open = useNavigationStore(state => state.open);
  const receive = useEventsStore(state => state.receive);

  useEffect(
    () =>
      getConnector().subscribe(event => {
        receive(event);
        if (event.type === 'open-integration') {
          open({ name: 'integration-edit', id: event.integrationId });
        }
      }),
    [receive, open],
  );

  const section =
    screen.name === 'integration-edit' ? 'integrations' : screen.name;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 0 }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={1} size="h4">
              Dark Web ID → Kaseya BMS
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <PendingChangesIndicator />
            <SyncControl />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Sections">
        {SECTIONS.map(item => (
          <NavLink
            key={item.label}
            component="button"
            label={item.label}
            active={section === item.screen.name}
            aria-current={section === item.screen.name ? 'page' : undefined}
            onClick={() => open(item.screen)}
          />
        ))}
        <Text size="xs" c="dimmed" mt="auto" p="xs">
          Edits are saved on this computer at once.
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>{renderScreen(screen)}</AppShell.Main>
    </AppShell>
  );
}

function renderScreen(screen: Screen): ReactNode {
  switch (screen.name) {
    case 'integrations':
      return <IntegrationsScreen />;
    case 'integration-edit':
      return <IntegrationEditScreen key={screen.id ?? 'new'} id={screen.id} />;
    case 'organizations':
      return <OrganizationsScreen />;
    case 'activity':
      return <ActivityScreen />;
  }
}
