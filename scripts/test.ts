// `npm test`: the whole suite on real parts. Brings up the lab (installing Debian packages when
// missing) and a Postgres, runs unit → integration → end-to-end, prints a summary, and tears
// down what it started. A skipped test counts as a failure: nothing may pass by not running.
// Options: --only lint|typecheck|unit|integration|e2e (repeatable), --keep-lab, then files or filters for the runners.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { labDown, labStatus, labUp } from './lab/index.ts';
import { buildIfStale } from './build.ts';
import { startTestPostgres } from '../tests/support/test-postgres.ts';
import { startFailureSentence } from '../lib/config/start-error.ts';

type Layer = 'lint' | 'typecheck' | 'unit' | 'integration' | 'e2e';
type Outcome = { layer: Layer; passed: number; failed: number; skipped: number; seconds: number; exitCode: number; note?: string; failures?: string[] };

const root = path.resolve(import.meta.dirname, '..');
/** A tool's entry file in this checkout's node_modules (their exports maps hide them from require.resolve). */
const bin = (file: string) => path.join(root, 'node_modules', file);
const results = path.join(root, 'test-results');
/** Where a failing e2e run's results are copied, outliving the clone it ran in. */
const KEPT_RESULTS = '/tmp/wharf-e2e-last-failure';
// Files or filters after the options go to the runners (e.g. `--only integration tests/integration/x.integration.test.ts`).
const { values, positionals } = parseArgs({ options: { only: { type: 'string', multiple: true }, 'keep-lab': { type: 'boolean' } }, allowPositionals: true });
const wanted = new Set<Layer>((values.only as Layer[] | undefined) ?? ['lint', 'typecheck', 'unit', 'integration', 'e2e']);

function run(command: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function vitestLayer(layer: 'unit' | 'integration', env: Record<string, string> = {}): Promise<Outcome> {
  const started = Date.now();
  const report = path.join(results, `${layer}.json`);
  await rm(report, { force: true });
  const exitCode = await run([bin('vitest/vitest.mjs'), 'run', '--project', layer, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...positionals], env);
  type AssertionResult = { status: string; fullName: string };
  type Report = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults?: { name: string; status: string; message?: string; assertionResults: AssertionResult[] }[] };
  const json = existsSync(report) ? (JSON.parse(await readFile(report, 'utf8')) as Report) : null;
  const failures = (json?.testResults ?? []).flatMap((file) => {
    const where = path.relative(root, file.name);
    const failed = file.assertionResults.filter((a) => a.status === 'failed').map((a) => `${where} › ${a.fullName}`);
    // A file that failed outside any test (a hook, an import) has no failed assertion to name.
    return failed.length > 0 || file.status !== 'failed' ? failed : [`${where} › ${(file.message ?? 'failed outside a test').split('\n')[0]}`];
  });
  return {
    layer,
    failures,
    passed: json?.numPassedTests ?? 0,
    failed: json?.numFailedTests ?? 0,
    skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0),
    seconds: (Date.now() - started) / 1000,
    exitCode,
    note: json ? undefined : 'no report (the run crashed before reporting)',
  };
}

async function lintLayer(): Promise<Outcome> {
  const started = Date.now();
  const exitCode = await run([bin('eslint/bin/eslint.js'), '.', '--max-warnings', '0']);
  return { layer: 'lint', passed: exitCode === 0 ? 1 : 0, failed: exitCode === 0 ? 0 : 1, skipped: 0, seconds: (Date.now() - started) / 1000, exitCode, note: 'ESLint: typescript-eslint, React hooks, Next, and the layers' };
}

async function typecheckLayer(): Promise<Outcome> {
  const started = Date.now();
  const exitCode = await run([bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
  return { layer: 'typecheck', passed: exitCode === 0 ? 1 : 0, failed: exitCode === 0 ? 0 : 1, skipped: 0, seconds: (Date.now() - started) / 1000, exitCode, note: 'whole repository, tests included' };
}

async function e2eLayer(env: Record<string, string>): Promise<Outcome> {
  const started = Date.now();
  await buildIfStale();
  const report = path.join(results, 'e2e-report.json');
  await rm(report, { force: true });
  // The specs load the lab's scripts, which share pure helpers with the product's server modules:
  // under React's server condition their `server-only` marker is the empty module it is on a server.
  const exitCode = await run(['--conditions=react-server', bin('@playwright/test/cli.js'), 'test', ...positionals], env);
  type Spec = { title: string; file: string; line: number; tests: { status: string }[] };
  type Suite = { specs?: Spec[]; suites?: Suite[] };
  type Stats = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: Suite[] };
  const json = existsSync(report) ? (JSON.parse(await readFile(report, 'utf8')) as Stats) : null;
  const specs = (suites: Suite[] = []): Spec[] => suites.flatMap((s) => [...(s.specs ?? []), ...specs(s.suites)]);
  const failures = specs(json?.suites)
    .filter((spec) => spec.tests.some((t) => t.status === 'unexpected' || t.status === 'flaky'))
    .map((spec) => `${spec.file}:${spec.line} › ${spec.title}`);
  // CI runs on a fresh clone that is gone afterwards: a failing run's screenshots, traces and page
  // snapshots are kept where the next session on this machine can read them, beside the console's log.
  if (failures.length) {
    await rm(KEPT_RESULTS, { recursive: true, force: true });
    await cp(results, KEPT_RESULTS, { recursive: true }).catch(() => {});
    console.log(`e2e: what the failing tests saw is kept in ${KEPT_RESULTS} (the console's log in /tmp/wharf-e2e-console-events.log)`);
  }
  return {
    layer: 'e2e',
    failures,
    passed: json?.stats.expected ?? 0,
    failed: (json?.stats.unexpected ?? 0) + (json?.stats.flaky ?? 0),
    skipped: json?.stats.skipped ?? 0,
    seconds: (Date.now() - started) / 1000,
    exitCode,
    note: json ? undefined : 'no report (the run crashed before reporting)',
  };
}

function summary(outcomes: Outcome[], totalSeconds: number): boolean {
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(8))).join(' ');
  console.log('\n──────── Wharf test summary ────────');
  console.log(line(['layer', 'passed', 'failed', 'skipped', 'seconds']));
  let ok = true;
  for (const o of outcomes) {
    const good = o.exitCode === 0 && o.failed === 0 && o.skipped === 0 && o.passed > 0;
    ok &&= good;
    console.log(`${line([o.layer, String(o.passed), String(o.failed), String(o.skipped), o.seconds.toFixed(0)])}  ${good ? 'ok' : 'FAILED'}${o.note ? ` (${o.note})` : ''}${o.skipped ? ' (skipped tests count as failures)' : ''}`);
  }
  // A CI log keeps only its tail: name what failed here, where it will be read.
  for (const o of outcomes) for (const failure of o.failures ?? []) console.log(`  ${o.layer} failed: ${failure}`);
  console.log(`total ${totalSeconds.toFixed(0)} s: ${ok ? 'all layers passed' : 'FAILED'}`);
  return ok;
}

async function main(): Promise<boolean> {
  const started = Date.now();
  await mkdir(results, { recursive: true });
  const outcomes: Outcome[] = [];
  if (wanted.has('lint')) outcomes.push(await lintLayer());
  if (wanted.has('typecheck')) outcomes.push(await typecheckLayer());
  if (wanted.has('unit')) outcomes.push(await vitestLayer('unit'));
  if (!wanted.has('integration') && !wanted.has('e2e')) return summary(outcomes, (Date.now() - started) / 1000);

  if (process.getuid?.() !== 0) {
    console.error('The integration and end-to-end tests need root: the lab makes network namespaces and runs its own Docker engines.');
    return false;
  }
  // A lab counts as already running (and is left running) only if its engines answer: a state
  // file left behind by a machine restart does not.
  const status = await labStatus();
  const labWasUp = status.state !== null && status.live.hosts.some((h) => h.ping);
  console.log(labWasUp ? 'Lab: reusing the running lab' : 'Lab: starting (first run installs Debian packages)…');
  await labUp();
  const postgres = await startTestPostgres();
  const env = { WHARF_TEST_PG_URL: postgres.url };
  try {
    if (wanted.has('integration')) outcomes.push(await vitestLayer('integration', env));
    if (wanted.has('e2e')) outcomes.push(await e2eLayer(env));
  } finally {
    await postgres.stop().catch(() => {});
    if (!labWasUp && !values['keep-lab']) {
      console.log('Lab: tearing down what this run started');
      await labDown().catch((error) => console.error(`Lab teardown failed: ${error.message}`));
    }
  }
  return summary(outcomes, (Date.now() - started) / 1000);
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  // One sentence saying what to do (a Postgres or lab that cannot start, say), never a stack trace.
  (error: unknown) => {
    console.error(startFailureSentence(error, 'The test run'));
    process.exit(1);
  },
);
