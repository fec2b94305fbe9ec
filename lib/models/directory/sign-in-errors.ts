// Why a directory sign-in came back to the sign-in page, as a code in its URL (?error=…) and the
// sentence the page shows for it. Codes only: the page never shows text taken from its URL.
// next-auth's own codes for the OAuth flow (OAuthSignin, OAuthCallback…) are here too.

const SENTENCES = {
  DirectoryNameTaken:
    'A Wharf account with your directory username already exists and was not made by the directory, so Wharf did not merge the two. Ask an administrator to rename or remove that Wharf account, or sign in with its Wharf password.',
  DirectoryNameInvalid: 'Your directory username cannot be a Wharf username (2–32 letters, digits, dots, dashes or underscores). Ask an administrator.',
  DirectoryDisabled: 'Your Wharf account is disabled. Ask an administrator.',
  DirectoryThrottled: 'Too many sign-in attempts. Try again in a few minutes.',
  DirectoryFailed: 'Sign-in through your organisation\'s provider did not complete. Try again; if it keeps failing, tell an administrator.',
  OAuthSignin: 'The single sign-on provider cannot be reached right now. Try again later, or sign in with a Wharf account.',
  OAuthCallback: 'The single sign-on provider\'s answer could not be checked (it may be down, or the sign-in took too long). Try again, or sign in with a Wharf account.',
  OAuthAccountNotLinked: 'Sign-in through your organisation\'s provider did not complete. Try again; if it keeps failing, tell an administrator.',
  AccessDenied: 'Sign-in through your organisation\'s provider was refused.',
} as const;

export type SignInErrorCode = keyof typeof SENTENCES;

/** The sentence for an error code from the sign-in page's URL, or null for a code it does not know. */
export function signInErrorSentence(code: string | null | undefined): string | null {
  return code && Object.hasOwn(SENTENCES, code) ? SENTENCES[code as SignInErrorCode] : null;
}

/** The code for a directory sign-in the server refused: the refusal's own `reason`, else by its AppError code. */
export function signInErrorCode(error: unknown): SignInErrorCode {
  const { code, reason } = (error ?? {}) as { code?: unknown; reason?: unknown };
  if (typeof reason === 'string' && Object.hasOwn(SENTENCES, reason)) return reason as SignInErrorCode;
  if (code === 'RATE_LIMITED') return 'DirectoryThrottled';
  return 'DirectoryFailed';
}
