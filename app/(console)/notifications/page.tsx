import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NotificationsPanel } from '@/components/notifications/notifications-panel.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { listNotifications, listScopeChoices } from '@/lib/services/notifications/list-notifications.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications.page'))('title') };
}

// Outbound notifications (administrators): channels, the rules that feed them, and the delivery log.
export default async function NotificationsPage() {
  const access = await pageAccess('notification.manage');
  if (!access.ok) return <Forbidden message={access.message} />;
  const rt = getRuntime();
  const [view, choices] = await Promise.all([listNotifications(rt), listScopeChoices(rt)]);
  const t = await getTranslations('notifications.page');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <NotificationsPanel initial={view} choices={choices} />
    </>
  );
}
