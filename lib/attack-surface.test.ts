// What the console's own code can reach, read from its sources: the engine endpoints a console never
// needs are not offered (case 11 of docs/security.md), nothing runs a shell with a name in it (21),
// nothing writes markup from data into the page (22), and nothing unpacks an archive (25). Each
// test fails the day someone adds what it rules out, so that the addition is reviewed with its risk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineApi } from '@/lib/services/engine/engine-api.ts';
import { contextNameOf } from '@/lib/services/hosts/lifecycle/issue-cli-bundle.ts';

const root = path.resolve(import.meta.dirname, '..');

/** The product's sources (not tests, fixtures or generated code), as [path from the root, text]. */
const sources: [string, string][] = ['lib', 'app', 'components']
  .flatMap((dir) => (readdirSync(path.join(root, dir), { recursive: true }) as string[]).map((file) => path.join(dir, file)))
  .concat(['server.ts'])
  .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.includes('/fixtures/') && !file.startsWith('lib/generated/'))
  .map((file) => [file, readFileSync(path.join(root, file), 'utf8')]);

const filesMatching = (pattern: RegExp) => sources.filter(([, text]) => pattern.test(text)).map(([file]) => file).sort();

it('reads the whole product', () => {
  expect(sources.length).toBeGreaterThan(300);
  expect(sources.map(([file]) => file)).toEqual(expect.arrayContaining(['server.ts', 'lib/services/engine/engine-api.ts', 'components/streams/log-viewer.tsx']));
});

describe('11. engine endpoints the console never needs', () => {
  it('the engine gateway offers no plugin, build, image load or import, archive or commit request', () => {
    const methods = Object.getOwnPropertyNames(EngineApi.prototype);
    expect(methods.length).toBeGreaterThan(40);
    expect(methods.filter((m) => /plugin|build|load|import|archive|commit/i.test(m))).toEqual([]);
  });

  it('only the engine gateway imports dockerode, and no code names those endpoints', () => {
    expect(filesMatching(/from ['"]dockerode['"]|require\(['"]dockerode['"]\)/)).toEqual(['lib/services/engine/create-engine-client.ts', 'lib/services/engine/engine-api.ts']);
    // dockerode's methods for them, and the API's own paths (for a raw modem request).
    expect(filesMatching(/\b(buildImage|loadImage|importImage|putArchive|getArchive|infoArchive|createPlugin|getPlugin|listPlugins|commit)\s*\(/)).toEqual([]);
    expect(filesMatching(/['"`]\/(build|plugins|commit|images\/load|images\/create\?fromSrc)\b|\/archive['"`?]/)).toEqual([]);
  });

  it('the one archive upload is writeFilesBeforeStart in the gateway: files the console made, into a container not yet started', () => {
    expect(filesMatching(/putArchive/)).toEqual(['lib/services/engine/engine-api.ts']);
    const gateway = sources.find(([file]) => file === 'lib/services/engine/engine-api.ts')![1];
    expect(gateway.match(/putArchive/g)).toHaveLength(1);
    const method = gateway.slice(gateway.indexOf('async writeFilesBeforeStart('), gateway.indexOf('/** The container\'s processes'));
    expect(method.match(/putArchive/g)).toHaveLength(1);
    expect(method).toMatch(/files\.forEach\(checkContainerFile\)/);
    expect(method).toMatch(/Status !== 'created'/);
    expect(filesMatching(/\.writeFilesBeforeStart\(/)).toEqual(['lib/services/compose-projects/up-project.ts']);
  });

  it('writeFilesBeforeStart refuses, before any request, what is not a plain file at an absolute path', async () => {
    const api = new EngineApi({} as never);
    const file = { content: 'x', uid: 0, gid: 0, mode: 0o444 };
    for (const target of ['relative', '/', '/run/secrets/', '/a/../etc/passwd', '/a/./b', '//etc/x', '/a\nb']) {
      await expect(api.writeFilesBeforeStart('c', [{ ...file, target }]), target).rejects.toThrow(/refused/);
    }
    for (const bad of [{ mode: 0o4755 }, { mode: -1 }, { mode: 1.5 }, { uid: -1 }, { gid: 2 ** 33 }]) {
      await expect(api.writeFilesBeforeStart('c', [{ ...file, target: '/run/secrets/a', ...bad }]), JSON.stringify(bad)).rejects.toThrow(/refused/);
    }
  });
});

describe('21. names, URLs and branches never reach a shell', () => {
  it('child processes start from argv in one module, never through a shell', () => {
    // Besides the runner, only Wharf's own Postgres starts programs: fixed ones (id, useradd,
    // test, and its initdb and postgres), from argv, with no input of a user's.
    expect(filesMatching(/['"](node:)?child_process['"]/)).toEqual(['lib/db/embedded-postgres.ts', 'lib/services/hosts/drivers/local/run-local-command.ts']);
    const postgres = sources.find(([file]) => file === 'lib/db/embedded-postgres.ts')![1];
    expect(postgres).not.toMatch(/\bexec(File)?(Sync)?\s*\(/);
    expect([...postgres.matchAll(/\bspawn(?:Sync)?\(\s*([^,]+),/g)].map((m) => m[1].trim()).sort()).toEqual(["'id'", "'id'", "'test'", "'useradd'", 'command', 'command']);
    expect([...postgres.matchAll(/\brunToEnd\(([^,]+),/g)].map((m) => m[1].trim())).toEqual(['command: string', "binary('initdb')"]);
    expect([...postgres.matchAll(/\brunServer\(([^,]+),/g)].map((m) => m[1].trim())).toEqual(['command: string', "binary('postgres')"]);
    const runner = sources.find(([file]) => file === 'lib/services/hosts/drivers/local/run-local-command.ts')![1];
    expect(runner).not.toMatch(/\bexec(Sync)?\s*\(|\bexecFileSync|\bspawnSync/);
    expect(filesMatching(/\bshell\s*:\s*true/)).toEqual([]);
  });

  it('over SSH, only a quoted command line or a fixed one is sent', () => {
    const sshExec = sources.filter(([, text]) => /from 'ssh2'/.test(text) && /\bclient\.exec\(/.test(text));
    expect(sshExec.map(([file]) => file).sort()).toEqual(['lib/services/engine/ssh-dial-agent.ts', 'lib/services/hosts/remote/machine-shell.ts', 'lib/services/stacks/git/ssh-git-transport.ts']);
    const calls = sshExec.flatMap(([, text]) => [...text.matchAll(/\bclient\.exec\(([^,]+\)?),/g)].map((m) => m[1]));
    // git-upload-pack with the repository path single-quoted, a path git-url.ts allowed (no quote in it).
    expect(calls.sort()).toEqual(["'docker system dial-stdio'", 'line', 'uploadPackCommand(this.login.address.path)']);
    const shell = sources.find(([file]) => file === 'lib/services/hosts/remote/machine-shell.ts')![1];
    expect(shell).toMatch(/const line = commandLine\(command, /);
  });
});

describe('22. data is never written into the page as markup', () => {
  it('no component sets HTML from a string', () => {
    expect(filesMatching(/dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write\s*\(/)).toEqual([]);
  });
});

describe('25. archives', () => {
  it('the console unpacks none: archive libraries are imported only to pack (the CLI bundle, files written into a new container)', () => {
    expect(filesMatching(/['"](node:)?zlib['"]|['"](tar|tar-fs|yauzl|adm-zip|jszip|unzipper|decompress)['"]/)).toEqual([]);
    expect(sources.filter(([, text]) => /['"]tar-stream['"]/.test(text)).map(([file, text]) => [file, /import \{([^}]+)\} from 'tar-stream'/.exec(text)?.[1].trim()])).toEqual([
      ['lib/services/engine/engine-api.ts', 'pack'],
    ]);
    expect(sources.filter(([, text]) => /from 'fflate'/.test(text)).map(([file, text]) => [file, /import \{([^}]+)\} from 'fflate'/.exec(text)?.[1].trim()])).toEqual([
      ['lib/services/hosts/lifecycle/issue-cli-bundle.ts', 'zipSync, strToU8'],
    ]);
  });

  it('the bundle a user unpacks keeps its files in one folder of its own, whatever the host is called', () => {
    for (const name of ['../../etc', '..', '/etc/cron.d', 'a/../../b', '.', '~root', 'x\\..\\y']) {
      const folder = contextNameOf(name);
      expect(folder).toMatch(/^wharf-[a-z0-9._-]+$/);
      expect(path.posix.normalize(`${folder}/key.pem`).startsWith(`${folder}/`)).toBe(true);
    }
  });
});
