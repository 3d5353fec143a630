import { Text, type MantineSize } from '@mantine/core';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

/** Formats `iso` as "2 hours ago", relative to now. */
export function formatRelative(iso: string): string {
  return dayjs(iso).fromNow();
}

/**
 * `iso` as "2 hours ago" with the exact local time on hover, or "Never" when
 * `iso` is null.
 */
export function RelativeTime({
  iso,
  size,
}: {
  readonly iso: string | null;
  readonly size?: MantineSize;
}) {
  if (iso === null) {
    return (
      <Text span size={size} c="dimmed">
        Never
      </Text>
    );
  }
  const moment = dayjs(iso);
  return (
    <Text span size={size}>
      <time dateTime={iso} title={moment.format('YYYY-MM-DD HH:mm:ss')}>
        {moment.fromNow()}
      </time>
    </Text>
  );
}
