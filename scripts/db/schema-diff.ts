// Offline schema diffs for authoring migrations: runs Prisma's schema engine as WebAssembly
// (no native engine binary, no database) and turns "schema A → schema B" into SQL.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

type SchemaEngineModule = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (options: { datamodels: undefined }, log: (line: string) => void, adapter: object) => Promise<{
      diff(params: object): Promise<{ exitCode: number; stdout: string | null }>;
      free(): void;
    }>;
  };
};

// The engine asks the connector for the server version once at construction. A diff between
// two schema files needs nothing else, so a connector that answers that one query suffices;
// any other query is a bug in our use of the engine and fails loudly.
function offlinePostgresConnector() {
  const refuse = async (what: string) => {
    throw new Error(`schema-diff: unexpected database access (${what})`);
  };
  const connection = {
    provider: 'postgres' as const,
    adapterName: 'wharf-offline',
    queryRaw: async (query: { sql: string }) => {
      if (query.sql.includes('server_version_num')) {
        return { columnNames: ['exists', 'version', 'numeric_version'], columnTypes: [5, 7, 0], rows: [[true, 'PostgreSQL 15.0', 150000]] };
      }
      return refuse(query.sql);
    },
    executeRaw: async (query: { sql: string }) => refuse(query.sql),
    executeScript: async (script: string) => refuse(script),
    startTransaction: async () => refuse('transaction'),
    dispose: async () => {},
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
  };
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: 'wharf-offline',
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  } as never);
}

// The wasm-bindgen glue keeps its instance in module state: instantiate it once per process.
let loaded: Promise<SchemaEngineModule> | undefined;
const loadSchemaEngine = () => (loaded ??= instantiateSchemaEngine());

async function instantiateSchemaEngine(): Promise<SchemaEngineModule> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bindings = (await import(pathToFileURL(path.join(dir, 'schema_engine_bg.js')).href)) as SchemaEngineModule & Record<string, unknown>;
  const module = await WebAssembly.compile(await readFile(path.join(dir, 'schema_engine_bg.wasm')));
  const imports: Record<string, Record<string, unknown>> = {};
  for (const entry of WebAssembly.Module.imports(module)) {
    imports[entry.module] ??= {};
    imports[entry.module][entry.name] = bindings[entry.name];
  }
  const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

/** SQL that turns a database at schema `from` (null = empty) into schema `to`; '' when equal. */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  const { SchemaEngine } = await loadSchemaEngine();
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, offlinePostgresConnector());
  try {
    const target = (content: string, name: string) => ({ tag: 'schemaDatamodel', files: [{ path: name, content }] });
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : target(from, 'from.prisma'),
      to: target(to, 'to.prisma'),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? '';
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
  } finally {
    engine.free();
  }
}
