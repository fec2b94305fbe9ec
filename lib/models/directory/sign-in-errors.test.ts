import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { isSignInErrorCode, SIGN_IN_ERROR_CODES, signInErrorCode } from './sign-in-errors.ts';

describe('sign-in errors from the URL', () => {
  it('has a sentence that says what to do for every known code, in both languages', () => {
    expect(renderMessage({ key: 'auth.signInErrors.OAuthSignin' })).toBe('The single sign-on provider cannot be reached right now. Try again later, or sign in with a Wharf account.');
    expect(renderMessage({ key: 'auth.signInErrors.DirectoryNameTaken' })).toMatch(/Ask an administrator to rename or remove that Wharf account, or sign in with its Wharf password\.$/);
    for (const code of SIGN_IN_ERROR_CODES) {
      expect(isSignInErrorCode(code)).toBe(true);
      expect(renderMessage({ key: `auth.signInErrors.${code}` }, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('shows nothing for an unknown code or text planted in the URL', () => {
    for (const code of [null, undefined, '', 'Your account is locked, call +1 555', 'constructor', '__proto__', 'toString']) expect(isSignInErrorCode(code)).toBe(false);
  });

  it('takes a refusal\'s own reason, else says it did not complete', () => {
    expect(signInErrorCode({ code: 'CONFLICT', reason: 'DirectoryNameTaken' })).toBe('DirectoryNameTaken');
    expect(signInErrorCode({ code: 'UNAUTHENTICATED', reason: 'DirectoryDisabled' })).toBe('DirectoryDisabled');
    expect(signInErrorCode({ code: 'RATE_LIMITED' })).toBe('DirectoryThrottled');
    expect(signInErrorCode({ code: 'INTERNAL', reason: 'hasOwnProperty' })).toBe('DirectoryFailed');
    expect(signInErrorCode(new Error('boom'))).toBe('DirectoryFailed');
    expect(signInErrorCode(null)).toBe('DirectoryFailed');
  });
});
