// Holds the browser/server line for components/: a component may import server actions
// (lib/actions/<domain>.ts, "use server" references) and types from anywhere, but no runtime value
// from the server's modules — those belong in pages (app/**/_lib) or lib/auth/next, and pure values
// the browser needs live in lib/models.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SERVER_ONLY = [/^@\/lib\/services\//, /^@\/lib\/db\//, /^@\/lib\/runtime\//, /^@\/lib\/auth\/next\//, /^@\/lib\/audit\//, /^@\/lib\/actions\/action-client\.ts$/, /^@\/app\//];

const root = path.resolve(import.meta.dirname);
const repo = path.dirname(root);

/** A relative specifier as the '@/…' path it points at, so '../../lib/db/x.ts' is caught too. */
const normalized = (file: string, specifier: string) => (specifier.startsWith('.') ? `@/${path.relative(repo, path.resolve(path.dirname(file), specifier))}` : specifier);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The modules a file takes runtime values from (type-only imports and exports left out). */
function runtimeImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      const onlyTypes = clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

describe('components/ and the server', () => {
  it('tells type-only imports from runtime ones', () => {
    const text = [
      "import type { A } from '@/lib/services/a.ts';",
      "import { type B } from '@/lib/services/b.ts';",
      "import { c, type C } from '@/lib/services/c.ts';",
      "import d from '@/lib/db/d.ts';",
      "export type { E } from '@/lib/runtime/e.ts';",
      "export { f } from '@/lib/audit/f.ts';",
      "import '@/lib/services/side-effect.ts';",
    ].join('\n');
    expect(runtimeImports('x.ts', text)).toEqual(['@/lib/services/c.ts', '@/lib/db/d.ts', '@/lib/audit/f.ts', '@/lib/services/side-effect.ts']);
  });

  it('no component imports a runtime value from a server-only module', () => {
    const offenders = sourceFiles(root).flatMap((file) =>
      runtimeImports(file, readFileSync(file, 'utf8'))
        .map((specifier) => normalized(file, specifier))
        .filter((specifier) => SERVER_ONLY.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${path.relative(root, file)} → ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });
});
