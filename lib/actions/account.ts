'use server';
// Server actions on the signed-in user's own account (password, API tokens): thin wrappers over
// lib/services/users and lib/services/api-tokens. Each acts on the session's user only.
import { ownAccountAction } from './action-client.ts';
import { changeOwnPasswordSchema } from '@/lib/schemas/users.ts';
import { changeOwnPassword } from '@/lib/services/users/change-own-password.ts';
import { createApiTokenSchema, revokeApiTokenSchema } from '@/lib/schemas/api-tokens.ts';
import { chooseLanguageSchema } from '@/lib/schemas/language.ts';
import { createApiToken, revokeApiToken } from '@/lib/services/api-tokens/manage-api-tokens.ts';
import { chooseLanguage } from '@/lib/services/users/choose-language.ts';

export const changeOwnPasswordAction = ownAccountAction('user.change-own-password', changeOwnPasswordSchema, ({ rt, actor, input }) => changeOwnPassword(rt, actor, input));

/** The language the user reads the console in (kept in their profile). */
export const chooseLanguageAction = ownAccountAction('user.choose-language', chooseLanguageSchema, ({ rt, actor, input }) => chooseLanguage(rt, actor, input.locale));

export const createApiTokenAction = ownAccountAction('api-token.create', createApiTokenSchema, ({ rt, actor, input }) => createApiToken(rt, actor, input));
export const revokeApiTokenAction = ownAccountAction('api-token.revoke', revokeApiTokenSchema, ({ rt, actor, input }) => revokeApiToken(rt, actor, input));
