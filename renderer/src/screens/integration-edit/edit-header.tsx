import { Anchor, Badge, Button, Group, Title } from '@mantine/core';

import type { IntegrationDetail } from '../../../../shared/contract/models';
import { useNavigationStore } from '../../stores/navigation-store';

/** Title, the way back, and the two save buttons that cover every tab. */
export function EditHeader({
  detail,
  isNew,
  isSaving,
  isTesting,
  onSaveAndTest,
}: {
  readonly detail: IntegrationDetail | null;
  readonly isNew: boolean;
  readonly isSaving: boolean;
  readonly isTesting: boolean;
  readonly onSaveAndTest: () => void;
}) {
  const open = useNavigationStore(state => state.open);
  const isBusy = isSaving || isTesting;

  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <div>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => open({ name: 'integrations' })}
        >
          ← Integrations
        </Anchor>
        <Group gap="xs">
          <Title order={2}>
            {isNew
              ? 'New Kaseya BMS Integration'
              : `Edit ${detail?.name ?? 'Integration'}`}
          </Title>
          {detail?.health === 'unhealthy' && (
            <Badge color="red" variant="filled" tt="none">
              Unhealthy
            </Badge>
          )}
        </Group>
      </div>
      <Group gap="xs">
        <Button
          type="submit"
          loading={isSaving && !isTesting}
          disabled={isBusy}
        >
          Save
        </Button>
        <Button
          variant="light"
          loading={isTesting}
          disabled={isBusy}
          onClick={onSaveAndTest}
        >
          Save And Submit A Test Compromise
        </Button>
      </Group>
    </Group>
  );
}
