'use server';
// Server actions for user administration: thin wrappers over lib/services/users.
import { authedAction } from './action-client.ts';
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setDisabledSchema } from '@/lib/schemas/users.ts';
import { changeUserRole, createUser, resetUserPassword, setUserDisabled } from '@/lib/services/users/manage-users.ts';

const onUser = (permission: 'user.manage') => (input: { userId: string }) => ({ permission, target: { type: 'user' as const, id: input.userId } });

export const createUserAction = authedAction('user.create', createUserSchema, 'user.manage', ({ rt, actor, input }) => createUser(rt, actor, input));

export const changeUserRoleAction = authedAction('user.change-role', changeRoleSchema, onUser('user.manage'), ({ rt, actor, input }) =>
  changeUserRole(rt, actor, input.userId, input.role),
);

export const setUserDisabledAction = authedAction('user.set-disabled', setDisabledSchema, onUser('user.manage'), ({ rt, actor, input }) =>
  setUserDisabled(rt, actor, input.userId, input.disabled),
);

export const resetUserPasswordAction = authedAction('user.reset-password', resetPasswordSchema, onUser('user.manage'), ({ rt, actor, input }) =>
  resetUserPassword(rt, actor, input.userId, input.password),
);
