// What an administrator gives to download a backup: the passphrase that will encrypt it.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';

export const BACKUP_PASSPHRASE_MIN = 12;

export const createBackupSchema = z.object({
  passphrase: z.string().min(BACKUP_PASSPHRASE_MIN, issueText('backup.errors.passphraseShort', { min: BACKUP_PASSPHRASE_MIN })).max(1024),
});
export type CreateBackupInput = z.infer<typeof createBackupSchema>;
