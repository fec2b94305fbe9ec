// What every Node process of Wharf's own starts with (`node --import ./scripts/node/register.mjs …`:
// the console's server, the scripts, the benchmarks and what the tests spawn): TypeScript through
// tsx, and `import 'server-only'` resolved to an empty module. That import marks the modules that
// must never reach a browser bundle, and Next enforces it when it builds; the package itself
// throws outside React's server build, and Node has no browser bundle to protect.
import 'tsx';
import { register } from 'node:module';

register('./server-only-hook.mjs', import.meta.url);
