// GET: the notification channels, their rules and the delivery log, for the Notifications page's
// live view. Administrators (notification.manage); no URL beyond its hint, no secret.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listNotifications } from '@/lib/services/notifications/list-notifications.ts';

export const GET = authedRead('notification.manage', ({ rt }) => listNotifications(rt));
