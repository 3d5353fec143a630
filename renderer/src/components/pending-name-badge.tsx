import { Badge, Tooltip } from '@mantine/core';

/** `Waiting to be sent` with the queued name, or nothing when none waits. */
export function PendingNameBadge({
  pendingName,
}: {
  readonly pendingName: string | null;
}) {
  if (pendingName === null) return null;
  return (
    <Tooltip label={`Waiting to be sent: “${pendingName}”`} multiline maw={320}>
      <Badge
        variant="light"
        color="orange"
        size="sm"
        maw="100%"
        style={{ textTransform: 'none' }}
      >
        Waiting to be sent: {pendingName}
      </Badge>
    </Tooltip>
  );
}
