// Input shapes for users and sign-in, shared by forms, actions and services.
import { z } from 'zod';
import { userIdSchema } from './ids.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/auth/password-policy.ts';
import { ROLE_KEYS } from '@/lib/auth/permissions.ts';

/** The one username rule, as the setup form, the new-user form and the schema's error say it. */
export const USERNAME_RULE = '2 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit; capitals become lowercase.';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'At least 2 characters.')
  .max(32, 'At most 32 characters.')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, USERNAME_RULE);

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`);

export const displayNameSchema = z
  .string()
  .trim()
  .max(80, 'At most 80 characters.')
  .regex(/^[^\p{Cc}]*$/u, 'No control characters.')
  .optional()
  .transform((v) => (v ? v : undefined));

export const roleSchema = z.enum(ROLE_KEYS, { error: 'Choose a role.' });

/** The one-time token the console printed at start (lib/services/users/setup-gate.ts). */
const ENTER_SETUP_TOKEN = 'Enter the setup token Wharf printed when it started.';
export const setupTokenSchema = z.string({ error: ENTER_SETUP_TOKEN }).trim().min(1, ENTER_SETUP_TOKEN).max(200, 'That is longer than a setup token.');

export const setupAdminSchema = z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema, token: setupTokenSchema });
export const createUserSchema = z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema, role: roleSchema });
export { userIdSchema };
export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export const setDisabledSchema = z.object({ userId: userIdSchema, disabled: z.boolean() });
export const resetPasswordSchema = z.object({ userId: userIdSchema, password: passwordSchema });
/** A user's change of their own password: no user id (the session says whose). */
export const changeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`),
  password: passwordSchema,
});
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

type OptionalName<T> = Omit<T, 'displayName'> & { displayName?: string };
export type SetupAdminInput = OptionalName<z.infer<typeof setupAdminSchema>>;
export type CreateUserInput = OptionalName<z.infer<typeof createUserSchema>>;
