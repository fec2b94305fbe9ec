'use server';
// The Backup page's action: a thin wrapper over lib/services/backup.
import { authedAction } from './action-client.ts';
import { createBackupSchema } from '@/lib/schemas/backup.ts';
import { createBackup } from '@/lib/services/backup/create-backup.ts';

export const createBackupAction = authedAction('backup.create', createBackupSchema, 'backup.create', ({ rt, actor, input }) =>
  createBackup(rt, { databaseUrl: rt.databaseUrl, secrets: { dataDir: rt.dataDir, secretKey: rt.config.secretKey, authSecret: rt.config.authSecret } }, actor, input),
);
