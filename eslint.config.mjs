// Lint: typescript-eslint, React hooks and Next's rules, and the layers of docs/architecture.md as
// import rules (what may import what; which module alone may talk to the Docker engine). Run as a
// layer of `npm test` (scripts/test.ts) and by `npm run lint`.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import { I18N_PENDING } from './lib/i18n/pending.mjs';
import tseslint from 'typescript-eslint';

/** Runtime imports the browser side may not make (types are erased, so `import type` is allowed).
 * Matched on the alias and on relative paths alike. */
const lib = (...paths) => `^(@/|(\\.\\./)+)lib/(${paths.join('|')})`;
const SERVER_ONLY = [
  { regex: lib('services/'), message: 'Services run on the server: import their pure models from lib/models, or only their types (import type).' },
  {
    regex: lib('db/', 'runtime/', 'jobs/', 'crypto/', 'audit/', 'events/', 'config/', 'http/', 'auth/next/', 'auth/(authorize|session-store|password|throttle)\\.ts', 'realtime/server/', 'actions/action-client\\.ts'),
    message: 'Server code: the browser gets it through an action, a route or the socket.',
  },
  { regex: '^(@/|(\\.\\./)+)app/', message: 'Pages and routes are not imported: they import.' },
  { group: ['node:*'], message: 'Node built-ins do not exist in the browser.' },
];
const ENGINE = { name: 'dockerode', message: 'Only the engine gateway (lib/services/engine) talks to engines.' };
const FRAMEWORK = [{ group: ['next', 'next/*'], message: 'Services know nothing of Next: doors (actions, routes, sockets, pages) do.' }];

const restrict = (patterns, paths = [], allowTypeImports = true) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths: paths.map((p) => ({ ...p, allowTypeImports })), patterns: patterns.map((p) => ({ ...p, allowTypeImports })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', '.data/**', 'next-env.d.ts', '**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Says the React Compiler would skip a component using TanStack Table/Virtual; this project
      // does not use the compiler, so there is nothing to act on.
      'react-hooks/incompatible-library': 'off',
    },
  },
  // Next's rules where Next builds the code.
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { '@next/next': nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs['core-web-vitals'].rules },
    settings: { next: { rootDir: '.' } },
  },
  // Every word a user reads comes from the catalogues (docs/i18n.md): text in JSX, strings in JSX
  // expressions and the attributes people read (labels, titles, placeholders, hints). Product
  // and protocol names, symbols and code-like tokens are allowed. Files still to be converted are
  // listed in lib/i18n/pending.mjs, which only ever shrinks.
  {
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    ignores: I18N_PENDING.map((path) => path.replace(/[()[\]{}*?!+@]/g, '\\$&')),
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['label', 'aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'hint', 'description', 'heading', 'message', 'confirmLabel', 'emptyText', 'children'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·…—–×→←↑↓✓✗•]+', 'Wharf', 'Docker', 'Swarm', 'SSH', 'TLS', 'CPU', 'ID', 'IP', 'URL', 'YAML', 'JSON', 'LDAP', 'OIDC', 'API'] },
          'should-validate-template': true,
          callees: { exclude: ['t[A-Za-z]*', 't\\.rich', 't\\.markup', 't\\.has', 'useTranslations', 'getTranslations', 'cn', 'clsx', 'require', 'includes', 'startsWith', 'endsWith', 'split', 'join', 'replace', 'get', 'set', 'has', 'delete', 'push', 'toast\\..*', 'router\\..*', 'console\\..*', 'new URL', 'URLSearchParams'] },
        },
      ],
    },
  },
  // Layers (docs/architecture.md). The browser side: components, client hooks and queries.
  { files: ['components/**/*.{ts,tsx}', 'lib/queries/**', 'lib/realtime/client/**', 'lib/ui/**'], rules: restrict(SERVER_ONLY, [ENGINE]) },
  // Pure models the browser may import: nothing of the server, nothing of the browser's layers.
  {
    files: ['lib/models/**'],
    rules: restrict([...SERVER_ONLY, { regex: '^(@/|(\\.\\./)+)(lib/(schemas|queries|actions)|components)/', message: 'Models are pure: they depend on nothing but other models.' }, { group: ['react', 'react-dom'], message: 'Models are pure: no React.' }], [ENGINE]),
  },
  // Input schemas are shared by forms and doors: pure too.
  { files: ['lib/schemas/**'], rules: restrict([...SERVER_ONLY, { regex: '^(@/|(\\.\\./)+)components/', message: 'Schemas sit below components.' }], [ENGINE]) },
  // Services: no framework, no doors, no browser; only the gateway reaches engines.
  {
    files: ['lib/services/**'],
    ignores: ['lib/services/engine/**'],
    rules: restrict([...FRAMEWORK, { group: ['@/lib/actions/*', '@/lib/http/*', '@/lib/realtime/server/*', '@/lib/realtime/server/**', '@/components/*', '@/components/**', '@/app/*', '@/lib/runtime/*'], message: 'Services sit below the doors: they take their dependencies as arguments.' }], [ENGINE], false),
  },
  { files: ['lib/services/engine/**'], rules: restrict([...FRAMEWORK, { group: ['@/lib/actions/*', '@/lib/http/*', '@/lib/realtime/server/*', '@/components/*', '@/components/**', '@/lib/runtime/*'], message: 'The gateway sits below the doors.' }], [], false) },
  // Doors: actions, routes and sockets reach engines only through services.
  { files: ['lib/actions/**', 'lib/http/**', 'lib/realtime/server/**', 'app/**'], rules: restrict([{ group: ['@/lib/services/engine/*'], message: 'Doors call services, which call the gateway.' }], [ENGINE]) },
  // Tests and tooling may use everything (they arrange real engines with dockerode).
  {
    files: ['**/*.test.ts', 'tests/**', 'e2e/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
