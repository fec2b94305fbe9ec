// Recognises database errors that mean something to the user.
import 'server-only';
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e?.code === 'P2002' || e?.cause?.code === '23505' || e?.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

/** Runs a write; a unique-constraint violation comes out as `clash()` (the error the user sees), any other error as it was. */
export async function onUniqueViolation<T>(write: () => Promise<T>, clash: () => Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw clash();
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2025';
}
