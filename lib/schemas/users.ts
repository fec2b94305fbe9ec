// Input shapes for users and sign-in, shared by forms, actions and services.
import { z } from 'zod';
import { userIdSchema } from './ids.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';
import { ROLE_KEYS } from '@/lib/auth/permissions.ts';
import { issueText } from '@/lib/i18n/message.ts';

// The one username rule (auth.usernameRule) is what the setup form, the new-user form and the
// schema's error say.

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, issueText('errors.input.tooShort', { min: 2 }))
  .max(32, issueText('errors.input.tooLong', { max: 32 }))
  .regex(/^[a-z0-9][a-z0-9._-]*$/, issueText('auth.usernameRule'));

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, issueText('errors.input.tooShort', { min: PASSWORD_MIN }))
  .max(PASSWORD_MAX, issueText('errors.input.tooLong', { max: PASSWORD_MAX }));

export const displayNameSchema = z
  .string()
  .trim()
  .max(80, issueText('errors.input.tooLong', { max: 80 }))
  .regex(/^[^\p{Cc}]*$/u, issueText('errors.input.noControlCharacters'))
  .optional()
  .transform((v) => (v ? v : undefined));

export const roleSchema = z.enum(ROLE_KEYS, { error: issueText('auth.chooseRole') });

/** The one-time token the console printed at start (lib/services/users/setup-gate.ts). */
const ENTER_SETUP_TOKEN = issueText('auth.setup.tokenMissing');
export const setupTokenSchema = z.string({ error: ENTER_SETUP_TOKEN }).trim().min(1, ENTER_SETUP_TOKEN).max(200, issueText('auth.setup.tokenTooLong'));

export const setupAdminSchema = z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema, token: setupTokenSchema });
export const createUserSchema = z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema, role: roleSchema });
export { userIdSchema };
export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export const setDisabledSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
export const resetPasswordSchema = z.object({ userId: userIdSchema, password: passwordSchema });
/** A user's change of their own password: no user id (the session says whose). */
export const changeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1, issueText('auth.password.currentMissing')).max(PASSWORD_MAX, issueText('errors.input.tooLong', { max: PASSWORD_MAX })),
  password: passwordSchema,
});
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

type OptionalName<T> = Omit<T, 'displayName'> & { displayName?: string };
export type SetupAdminInput = OptionalName<z.infer<typeof setupAdminSchema>>;
export type CreateUserInput = OptionalName<z.infer<typeof createUserSchema>>;
