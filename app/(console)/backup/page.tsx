import { BackupForm } from '@/components/backup/backup-form.tsx';
import { Card } from '@/components/ui/card.tsx';
import { Forbidden } from '@/components/ui/forbidden.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { pageAccess } from '@/lib/auth/next/page-access.ts';
import { GLOBAL } from '@/lib/auth/permissions.ts';

export const metadata = { title: 'Backup' };

export default async function BackupPage() {
  const access = await pageAccess('backup.create', GLOBAL);
  if (!access.ok) return <Forbidden message={access.message} />;
  return (
    <>
      <PageHeader title="Backup" description="An archive of the whole console — its database and the keys that open its sealed secrets — encrypted with a passphrase you choose." />
      <Card title="Download a backup">
        <div className="flex flex-col gap-3 p-4 text-sm">
          <p>
            To restore it on a fresh machine: put the archive there, then run <code>npm run restore -- &lt;file&gt;</code> with the passphrase in{' '}
            <code>WHARF_BACKUP_PASSPHRASE</code>, and start the console. Users, hosts, swarms, stacks, policies and the audit log come back, and every host&apos;s
            credentials open again.
          </p>
          <BackupForm />
        </div>
      </Card>
    </>
  );
}
