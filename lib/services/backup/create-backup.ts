// The Backup page's archive: the same as `npm run backup` (lib/backup/backup-archive.ts), made
// from the running console's database and keys, audited, handed back to the administrator's
// browser as base64 (an archive is held in memory while it is made anyway).
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { writeBackup } from '@/lib/backup/backup-archive.ts';
import { ArchiveError } from '@/lib/backup/sealed-archive.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { CreateBackupInput } from '@/lib/schemas/backup.ts';
import type { ConsoleSecrets } from '@/lib/backup/backup-archive.ts';
import type { ServiceDeps } from '../deps.ts';

export type BackupDownload = { filename: string; base64: string };

/** wharf-<date>T<time>.backup, in UTC, with no characters a file system would object to. */
export const backupFilename = (now: Date) => `wharf-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.backup`;

/** What a backup reads: the console's database and where its keys are. */
export type BackupSource = { databaseUrl: string; secrets: ConsoleSecrets };

export async function createBackup(deps: Pick<ServiceDeps, 'db'>, source: BackupSource, actor: Actor, input: CreateBackupInput): Promise<BackupDownload> {
  const now = new Date();
  const filename = backupFilename(now);
  return audited(deps.db, subjectOf(actor), 'backup.create', { type: 'console', name: filename }, async () => {
    try {
      const archive = await writeBackup({
        ...source,
        passphrase: input.passphrase,
        now,
      });
      return { filename, base64: archive.toString('base64') };
    } catch (error) {
      if (error instanceof ArchiveError) throw new AppError('PRECONDITION', msg('backup.errors.cannotWrite', { reason: error.message }));
      throw error;
    }
  });
}
