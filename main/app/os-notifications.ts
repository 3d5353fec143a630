import { Notification } from 'electron';

import { getLogger } from '../log/logger';
import type { HealthNotification } from './health-notifier';

// Shown notifications stay referenced until clicked or closed, so garbage
// collection cannot drop one together with its 'click' listener.
const liveNotifications = new Set<Notification>();

/**
 * Shows an OS notification and calls `onClick` when the technician clicks
 * it. Does nothing, with a log line, where the OS has no notifications.
 */
export function showOsNotification(notification: HealthNotification): void {
  if (!Notification.isSupported()) {
    getLogger('notifier').warn(
      { title: notification.title },
      'notifications are not supported on this system; not shown',
    );
    return;
  }
  const shownNotification = new Notification({
    title: notification.title,
    body: notification.body,
  });
  shownNotification.on('click', () => {
    liveNotifications.delete(shownNotification);
    notification.onClick();
  });
  shownNotification.on('close', () =>
    liveNotifications.delete(shownNotification),
  );
  liveNotifications.add(shownNotification);
  shownNotification.show();
}
