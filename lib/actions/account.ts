'use server';
// Server actions on the signed-in user's own account: thin wrappers over lib/services/users.
import { ownAccountAction } from './action-client.ts';
import { changeOwnPasswordSchema } from '@/lib/schemas/users.ts';
import { changeOwnPassword } from '@/lib/services/users/change-own-password.ts';

export const changeOwnPasswordAction = ownAccountAction('user.change-own-password', changeOwnPasswordSchema, ({ rt, actor, input }) => changeOwnPassword(rt, actor, input));
