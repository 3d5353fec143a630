import { Button, Menu } from '@mantine/core';

import { useNavigationStore } from '../../stores/navigation-store';

/**
 * `New Integration`, a menu of PSAs. Kaseya BMS is the only one today; other
 * PSAs join this menu.
 */
export function NewIntegrationMenu() {
  const open = useNavigationStore(state => state.open);

  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button rightSection={<span aria-hidden>▾</span>}>
          New Integration
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>PSA</Menu.Label>
        <Menu.Item onClick={() => open({ name: 'integration-edit' })}>
          Kaseya BMS
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
