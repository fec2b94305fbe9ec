'use server';
// First-run setup: creates the first administrator while there are no users.
import { publicAction } from './action-client.ts';
import { setupAdminSchema } from '@/lib/schemas/users.ts';
import { setupFirstAdmin } from '@/lib/services/users/setup-first-admin.ts';

export const setupFirstAdminAction = publicAction(setupAdminSchema, ({ input, rt, ip, host }) => setupFirstAdmin(rt, input, { ip, host }));
