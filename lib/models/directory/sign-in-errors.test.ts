import { describe, expect, it } from 'vitest';
import { signInErrorCode, signInErrorSentence } from './sign-in-errors.ts';

describe('sign-in errors from the URL', () => {
  it('turns known codes into sentences that say what to do', () => {
    expect(signInErrorSentence('OAuthSignin')).toBe('The single sign-on provider cannot be reached right now. Try again later, or sign in with a Wharf account.');
    expect(signInErrorSentence('DirectoryNameTaken')).toMatch(/Ask an administrator to rename or remove that Wharf account, or sign in with its Wharf password\.$/);
  });

  it('shows nothing for an unknown code or text planted in the URL', () => {
    for (const code of [null, undefined, '', 'Your account is locked, call +1 555', 'constructor', '__proto__', 'toString']) expect(signInErrorSentence(code)).toBeNull();
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
