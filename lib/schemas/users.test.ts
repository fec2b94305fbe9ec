import { localizeText } from '@/lib/errors.ts';
import { describe, expect, it } from 'vitest';
import {
  changeRoleSchema,
  createUserSchema,
  displayNameSchema,
  passwordSchema,
  resetPasswordSchema,
  roleSchema,
  setDisabledSchema,
  setupAdminSchema,
  userIdSchema,
  usernameSchema,
} from '@/lib/schemas/users.ts';

const PASSWORD = 'correct horse battery';

/** A schema's message as an English reader sees it (schemas say catalogue keys). */
const said = (text: string) => localizeText(text, 'en');

describe('schemas/users', () => {
  describe('usernameSchema', () => {
    it.each([
      ['lower-cases', 'Alice', 'alice'],
      ['trims', '  bob  ', 'bob'],
      ['trims and lower-cases', '\tCarol.Ops\n', 'carol.ops'],
      ['keeps dots, dashes and underscores', 'ops_team-1.eu', 'ops_team-1.eu'],
      ['accepts two characters', 'ab', 'ab'],
      ['accepts a leading digit', '1st', '1st'],
      ['accepts 32 characters', 'a'.repeat(32), 'a'.repeat(32)],
    ])('%s', (_label, input, expected) => {
      expect(usernameSchema.parse(input)).toBe(expected);
    });

    it('maps names that differ only in case to the same username', () => {
      expect(usernameSchema.parse('ADMIN')).toBe(usernameSchema.parse('admin'));
    });

    it.each([
      ['empty', ''],
      ['one character', 'a'],
      ['one character after trimming', '  a  '],
      ['33 characters', 'a'.repeat(33)],
      ['a space inside', 'al ice'],
      ['an at sign', 'alice@example.com'],
      ['a slash', 'a/b'],
      ['a path traversal', '../root'],
      ['a leading dot', '.alice'],
      ['a leading dash', '-alice'],
      ['a leading underscore', '_alice'],
      ['a NUL', 'ali\0ce'],
      ['a newline', 'ali\nce'],
      ['non-ASCII letters', 'jürgen'],
      ['a Cyrillic look-alike', 'аdmin'],
      ['quotes', "o'brien"],
      ['HTML', '<script>'],
    ])('rejects %s', (_label, input) => {
      expect(usernameSchema.safeParse(input).success).toBe(false);
    });
  });

  describe('passwordSchema', () => {
    it('rejects fewer than 10 characters', () => {
      expect(passwordSchema.safeParse('123456789').success).toBe(false);
      expect(passwordSchema.safeParse('').success).toBe(false);
      expect(said(passwordSchema.safeParse('123456789').error!.issues[0].message)).toBe('At least 10 characters.');
    });

    it('accepts 10 and 256 characters', () => {
      expect(passwordSchema.parse('1234567890')).toBe('1234567890');
      expect(passwordSchema.parse('p'.repeat(256))).toHaveLength(256);
    });

    it('rejects more than 256 characters', () => {
      expect(passwordSchema.safeParse('p'.repeat(257)).success).toBe(false);
      expect(said(passwordSchema.safeParse('p'.repeat(257)).error!.issues[0].message)).toBe('At most 256 characters.');
    });

    it('keeps the password exactly as typed (no trimming, no case change)', () => {
      expect(passwordSchema.parse('  Secret Pass  ')).toBe('  Secret Pass  ');
    });

    it('rejects non-strings', () => {
      expect(passwordSchema.safeParse(1234567890).success).toBe(false);
      expect(passwordSchema.safeParse(undefined).success).toBe(false);
    });
  });

  describe('displayNameSchema', () => {
    it('trims, and turns an empty or missing name into undefined', () => {
      expect(displayNameSchema.parse('  Alice Ops  ')).toBe('Alice Ops');
      expect(displayNameSchema.parse('')).toBeUndefined();
      expect(displayNameSchema.parse('   ')).toBeUndefined();
      expect(displayNameSchema.parse(undefined)).toBeUndefined();
    });

    it('accepts non-ASCII names', () => {
      expect(displayNameSchema.parse('Zoë 佐藤')).toBe('Zoë 佐藤');
    });

    it('rejects control characters and more than 80 characters', () => {
      expect(displayNameSchema.safeParse('Alice\nAdmin').success).toBe(false);
      expect(displayNameSchema.safeParse('Alice\x1b[31m').success).toBe(false);
      expect(displayNameSchema.safeParse('x'.repeat(81)).success).toBe(false);
      expect(displayNameSchema.parse('x'.repeat(80))).toHaveLength(80);
    });
  });

  describe('roleSchema', () => {
    it.each(['admin', 'operator', 'viewer'])('accepts %s', (role) => {
      expect(roleSchema.parse(role)).toBe(role);
    });

    it.each(['', 'Admin', 'ADMIN', 'root', 'superuser', ' admin', 'constructor', '__proto__'])('rejects %s', (role) => {
      const result = roleSchema.safeParse(role);
      expect(result.success).toBe(false);
      expect(said(result.error!.issues[0].message)).toBe('Choose a role.');
    });
  });

  describe('object schemas', () => {
    it('setupAdminSchema normalises the username and the token, and needs no role', () => {
      expect(setupAdminSchema.parse({ username: ' Root ', password: PASSWORD, token: ' tok-123 ' })).toEqual({ username: 'root', password: PASSWORD, displayName: undefined, token: 'tok-123' });
    });

    it('setupAdminSchema asks for the setup token when it is missing or blank (case 42)', () => {
      for (const input of [{ username: 'root', password: PASSWORD }, { username: 'root', password: PASSWORD, token: '   ' }]) {
        const result = setupAdminSchema.safeParse(input);
        expect(result.success).toBe(false);
        expect(result.error?.issues.map((i) => [i.path.join('.'), said(i.message)])).toEqual([['token', 'Enter the setup token Wharf printed when it started.']]);
      }
    });

    it('createUserSchema requires a valid role', () => {
      expect(createUserSchema.parse({ username: 'Bob', displayName: 'Bob B', password: PASSWORD, role: 'viewer' })).toEqual({
        username: 'bob',
        displayName: 'Bob B',
        password: PASSWORD,
        role: 'viewer',
      });
      expect(createUserSchema.safeParse({ username: 'bob', password: PASSWORD, role: 'owner' }).success).toBe(false);
      expect(createUserSchema.safeParse({ username: 'bob', password: PASSWORD }).success).toBe(false);
    });

    it('createUserSchema rejects a short password', () => {
      const result = createUserSchema.safeParse({ username: 'bob', password: 'short', role: 'viewer' });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path[0])).toEqual(['password']);
    });

    it('userIdSchema accepts lower-case alphanumerics of 1 to 40 characters only', () => {
      expect(userIdSchema.parse('clx0abc123')).toBe('clx0abc123');
      for (const id of ['', 'u1', 'ABC', 'a-b', 'a b', '../x', 'x'.repeat(41)]) expect(userIdSchema.safeParse(id).success, id).toBe(false);
    });

    it('changeRoleSchema, setDisabledSchema and resetPasswordSchema validate their fields', () => {
      expect(changeRoleSchema.parse({ userId: 'clx0abc123', role: 'operator' })).toEqual({ userId: 'clx0abc123', role: 'operator' });
      expect(changeRoleSchema.safeParse({ userId: 'clx0abc123', role: 'god' }).success).toBe(false);
      expect(setDisabledSchema.parse({ userId: 'clx0abc123', disabled: true })).toEqual({ userId: 'clx0abc123', disabled: true });
      expect(setDisabledSchema.safeParse({ userId: 'clx0abc123', disabled: 'true' }).success).toBe(false);
      expect(resetPasswordSchema.safeParse({ userId: 'clx0abc123', password: 'x'.repeat(9) }).success).toBe(false);
      expect(resetPasswordSchema.parse({ userId: 'clx0abc123', password: 'x'.repeat(10) })).toEqual({ userId: 'clx0abc123', password: 'x'.repeat(10) });
    });
  });
});
