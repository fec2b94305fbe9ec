// A module resolution hook (registered by register.mjs): `server-only` is an empty module in Node.
const EMPTY = 'data:text/javascript,export{}';

export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: EMPTY, shortCircuit: true };
  return next(specifier, context);
}
