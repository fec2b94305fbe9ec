// Why a directory sign-in came back to the sign-in page, as a code in its URL (?error=…); the
// page shows the code's sentence from the catalogue. Codes only: the page never shows text taken from its URL.
// next-auth's own codes for the OAuth flow (OAuthSignin, OAuthCallback…) are here too.

/** Each has its sentence in the catalogue: auth.signInErrors.<code>. */
export const SIGN_IN_ERROR_CODES = ['DirectoryNameTaken', 'DirectoryNameInvalid', 'DirectoryDisabled', 'DirectoryThrottled', 'DirectoryFailed', 'OAuthSignin', 'OAuthCallback', 'OAuthAccountNotLinked', 'AccessDenied'] as const;

export type SignInErrorCode = (typeof SIGN_IN_ERROR_CODES)[number];

/** Whether a code from the sign-in page's URL is one the page has a sentence for (auth.signInErrors.<code>). */
export function isSignInErrorCode(code: string | null | undefined): code is SignInErrorCode {
  return typeof code === 'string' && (SIGN_IN_ERROR_CODES as readonly string[]).includes(code);
}

/** The code for a directory sign-in the server refused: the refusal's own `reason`, else by its AppError code. */
export function signInErrorCode(error: unknown): SignInErrorCode {
  const { code, reason } = (error ?? {}) as { code?: unknown; reason?: unknown };
  if (typeof reason === 'string' && isSignInErrorCode(reason)) return reason as SignInErrorCode;
  if (code === 'RATE_LIMITED') return 'DirectoryThrottled';
  return 'DirectoryFailed';
}
