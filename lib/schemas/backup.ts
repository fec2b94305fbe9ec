// What an administrator gives to download a backup: the passphrase that will encrypt it.
import { z } from 'zod';

export const BACKUP_PASSPHRASE_MIN = 12;

export const createBackupSchema = z.object({
  passphrase: z.string().min(BACKUP_PASSPHRASE_MIN, `At least ${BACKUP_PASSPHRASE_MIN} characters: the passphrase is all that protects the keys in the archive.`).max(1024),
});
export type CreateBackupInput = z.infer<typeof createBackupSchema>;
