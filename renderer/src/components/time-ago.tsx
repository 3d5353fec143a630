import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useEffect, useState } from 'react';

dayjs.extend(relativeTime);

/** How often the relative time is redrawn, in milliseconds. */
const REFRESH_MS = 60_000;

/**
 * `time` as "2 hours ago", redrawn every minute, with the exact local time
 * on hover. `never` is shown when `time` is null.
 */
export function TimeAgo({
  time,
  never = 'never',
}: {
  readonly time: string | null;
  readonly never?: string;
}) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(
      () => setTick(tick => tick + 1),
      REFRESH_MS,
    );
    return () => window.clearInterval(timer);
  }, []);
  if (time === null) return <>{never}</>;
  const moment = dayjs(time);
  return (
    <time dateTime={time} title={moment.format('YYYY-MM-DD HH:mm:ss')}>
      {moment.fromNow()}
    </time>
  );
}
