import { Badge } from '@mantine/core';

import type { IntegrationSummary } from '../../../shared/contract/models';

/**
 * Health of an integration as text and color, so that it reads without
 * color too. Unhealthy counts the failures in a row when there are several.
 * The badge keeps its full width, because a table cell would otherwise
 * shrink it to an ellipsis.
 */
export function HealthBadge({
  health,
  consecutiveFailures,
}: Pick<IntegrationSummary, 'health' | 'consecutiveFailures'>) {
  if (health === 'healthy') {
    return (
      <Badge color="teal" variant="light" tt="none" miw="max-content">
        Healthy
      </Badge>
    );
  }
  const title =
    consecutiveFailures > 1
      ? `${consecutiveFailures} failures in a row`
      : undefined;
  return (
    <Badge
      color="red"
      variant="filled"
      tt="none"
      title={title}
      miw="max-content"
    >
      Unhealthy
    </Badge>
  );
}
