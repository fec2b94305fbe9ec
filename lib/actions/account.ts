'use server';
// Server actions on the signed-in user's own account: thin wrappers over lib/services/users.
import { ownAccountAction } from './action-client.ts';
import { changeOwnPasswordSchema } from '@/lib/schemas/users.ts';
import { changeOwnPassword } from '@/lib/services/users/change-own-password.ts';
import { chooseLanguageSchema } from '@/lib/schemas/language.ts';
import { chooseLanguage } from '@/lib/services/users/choose-language.ts';

export const changeOwnPasswordAction = ownAccountAction('user.change-own-password', changeOwnPasswordSchema, ({ rt, actor, input }) => changeOwnPassword(rt, actor, input));

/** The language the user reads the console in (kept in their profile). */
export const chooseLanguageAction = ownAccountAction('user.choose-language', chooseLanguageSchema, ({ rt, actor, input }) => chooseLanguage(rt, actor, input.locale));
