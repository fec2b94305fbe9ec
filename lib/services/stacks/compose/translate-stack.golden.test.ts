// Golden tests: each fixture translated by Wharf must equal, request for request, what the docker CLI
// 28.2 sent to a (fake) engine for the same files (fixtures/*/cli-requests.json, recorded with
// fixtures/record-cli-requests.mjs). The three sample stacks are also spelled out below, every field checked (serviceOf fills in what all their services share).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import { translateStack, type TranslatedStack } from '@/lib/services/stacks/compose/translate-stack.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const NOT_STACK_FILES = new Set(['compose.yml', 'cli-requests.json', 'vars.json', 'stack.txt']);

type Recording = { exitCode: number; networks: unknown[]; secrets: unknown[]; configs: unknown[]; services: unknown[] };

function loadFixture(name: string) {
  const dir = path.join(FIXTURES, name);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const files: Record<string, string> = {};
  for (const file of fs.readdirSync(dir)) if (!NOT_STACK_FILES.has(file)) files[file] = read(file);
  return {
    stackName: fs.existsSync(path.join(dir, 'stack.txt')) ? read('stack.txt').trim() : name,
    composeText: read('compose.yml'),
    variables: fs.existsSync(path.join(dir, 'vars.json')) ? (JSON.parse(read('vars.json')) as Record<string, string>) : {},
    files,
    recording: JSON.parse(read('cli-requests.json')) as Recording,
  };
}

const fixtureNames = fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory());

function translate(name: string): TranslatedStack {
  const { recording: _recording, ...input } = loadFixture(name);
  const { stack, problems } = translateStack(input);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  if (!stack) throw new Error(`${name} did not translate`);
  return stack;
}

type FileReference = { File?: { Name: string } } & Record<string, unknown>;

/**
 * The CLI sorts a service's secret and config references by name, but among references to one
 * object its order comes from a Go map and changes from run to run (repeated-references shows it).
 * That is the one freedom in a recording: those runs are put in target order, which Wharf sends.
 */
function inTargetOrder(services: unknown[]): unknown[] {
  const order = (refs: FileReference[] | undefined, nameKey: string) =>
    refs?.toSorted((a, b) => (String(a[nameKey]) < String(b[nameKey]) ? -1 : String(a[nameKey]) > String(b[nameKey]) ? 1 : 0) || ((a.File?.Name ?? '') < (b.File?.Name ?? '') ? -1 : (a.File?.Name ?? '') > (b.File?.Name ?? '') ? 1 : 0));
  return services.map((service) => {
    const spec = structuredClone(service) as { TaskTemplate?: { ContainerSpec?: { Secrets?: FileReference[]; Configs?: FileReference[] } } };
    const container = spec.TaskTemplate?.ContainerSpec;
    if (container?.Secrets) container.Secrets = order(container.Secrets, 'SecretName');
    if (container?.Configs) container.Configs = order(container.Configs, 'ConfigName');
    return spec;
  });
}

describe('every fixture translates to exactly the requests docker stack deploy 28.2 sends (recorded from the CLI)', () => {
  it('has fixtures to compare', () => {
    expect(fixtureNames.length).toBeGreaterThanOrEqual(7);
  });

  it.each(fixtureNames)('%s', (name) => {
    const { recording } = loadFixture(name);
    expect(recording.exitCode).toBe(0);
    const stack = translate(name);
    // Round-trip through JSON: that is what reaches the engine, and it drops nothing we rely on.
    const sent = JSON.parse(JSON.stringify(stack)) as TranslatedStack;
    expect(sent.networks.map((n) => n.spec)).toEqual(recording.networks);
    expect(sent.secrets.map((s) => s.spec)).toEqual(recording.secrets);
    expect(sent.configs.map((c) => c.spec)).toEqual(recording.configs);
    expect(sent.services.map((s) => s.spec)).toEqual(inTargetOrder(recording.services));
  });
});

describe('references to one config or secret, as the CLI orders them', () => {
  const targets = (stack: TranslatedStack, service: string, kind: 'Configs' | 'Secrets') =>
    (stack.services.find((s) => s.name === `repeated-references_${service}`)?.spec.TaskTemplate?.ContainerSpec?.[kind] ?? []).map((r) => r.File?.Name);

  it('are sorted by name, then by target path, not kept in the file order', () => {
    const stack = translate('repeated-references');
    expect(targets(stack, 'app', 'Configs')).toEqual(['/etc/other.conf', '/etc/app/a-site.conf', 'site']);
    expect(targets(stack, 'app', 'Secrets')).toEqual(['/run/secrets/0-token', 'token']);
    expect(targets(stack, 'worker', 'Configs')).toEqual(['/b/site.conf', '/m/site.conf', '/z/site.conf']);
  });

  it('come out the same whatever order the file lists them in', () => {
    const { recording: _recording, ...input } = loadFixture('repeated-references');
    const reversed = input.composeText.replace(
      '      - source: site\n        target: /z/site.conf\n      - source: site\n        target: /b/site.conf\n',
      '      - source: site\n        target: /b/site.conf\n      - source: site\n        target: /z/site.conf\n',
    );
    expect(reversed).not.toBe(input.composeText);
    const { stack } = translateStack({ ...input, composeText: reversed });
    expect(stack?.services).toEqual(translate('repeated-references').services);
  });
});

const PRIVILEGES = { CredentialSpec: null, SELinuxContext: null, NoNewPrivileges: false };
const overlay = (name: string, namespace: string) => ({
  name,
  external: false,
  spec: { Name: name, Driver: 'overlay', Scope: '', IPAM: null, Internal: false, Attachable: false, Ingress: false, ConfigOnly: false, ConfigFrom: null, Options: null, Labels: { 'com.docker.stack.namespace': namespace } },
});

/** A translated stack: one default overlay network and nothing else but what `parts` names. */
const stackOf = (namespace: string, parts: Record<string, unknown>) => ({
  namespace,
  networks: [overlay(`${namespace}_default`, namespace)],
  externalNetworks: [],
  volumes: [],
  secrets: [],
  externalSecrets: [],
  configs: [],
  externalConfigs: [],
  ...parts,
});

/**
 * A service as the CLI sends it: named `<namespace>_<service>`, labelled with its namespace and
 * image, on one stack network under its own name as an alias, no resources, placement or
 * endpoint unless given; `container`, `task` and `spec` add to or replace those parts.
 */
function serviceOf(namespace: string, service: string, o: { imageLabel: string; image: string; network?: string; container?: object; task?: object; spec: object }) {
  const name = `${namespace}_${service}`;
  return {
    name,
    spec: {
      Name: name,
      Labels: { 'com.docker.stack.image': o.imageLabel, 'com.docker.stack.namespace': namespace },
      TaskTemplate: {
        ContainerSpec: { Image: o.image, Labels: { 'com.docker.stack.namespace': namespace }, ...o.container, Privileges: PRIVILEGES },
        Resources: {},
        Placement: {},
        Networks: [{ Target: `${namespace}_${o.network ?? 'default'}`, Aliases: [service] }],
        ForceUpdate: 0,
        ...o.task,
      },
      EndpointSpec: {},
      ...o.spec,
    },
  };
}

describe('the sample stacks, in full', () => {
  it('local-web.yml: host-mode port, update_config defaults, a global service and $$ in a command', () => {
    const { stack, problems } = translateStack({ ...loadFixture('local-web'), stackName: 'local-web' });
    expect(inEnglish(problems)).toEqual([]);
    expect(stack).toEqual(
      stackOf('local-web', {
        services: [
          serviceOf('local-web', 'ticker', {
            imageLabel: 'local/busybox:latest',
            image: 'local/busybox:latest',
            container: { Args: ['sh', '-c', 'while true; do echo tick $(hostname); sleep 1; done'] },
            spec: { Mode: { Global: {} } },
          }),
          serviceOf('local-web', 'web', {
            imageLabel: 'local/busybox:latest',
            image: 'local/busybox:latest',
            container: { Args: ['httpd', '-f', '-p', '80', '-h', '/bin'] },
            task: { RestartPolicy: { Condition: 'on-failure' } },
            spec: {
              Mode: { Replicated: { Replicas: 2 } },
              UpdateConfig: { Parallelism: 1, Delay: 2_000_000_000, MaxFailureRatio: 0, Order: '' },
              EndpointSpec: { Ports: [{ TargetPort: 80, PublishedPort: 8089, PublishMode: 'host' }] },
            },
          }),
        ],
      }),
    );
  });

  it('wordpress.yml: a stack network, a named volume and the external secret my-pass', () => {
    const { stack, problems } = translateStack({ ...loadFixture('wordpress'), stackName: 'wordpress' });
    expect(inEnglish(problems)).toEqual([]);
    expect(stack).toEqual(
      stackOf('wordpress', {
        networks: [overlay('wordpress_overlay', 'wordpress')],
        volumes: [{ name: 'wordpress_db-data', external: false }],
        externalSecrets: ['my-pass'],
        services: [
          serviceOf('wordpress', 'db', {
            imageLabel: 'mysql',
            image: 'mysql:latest',
            network: 'overlay',
            container: {
              Env: ['MYSQL_DATABASE=wordpress', 'MYSQL_PASSWORD=wordpress', 'MYSQL_ROOT_PASSWORD=/run/secrets/my-pass', 'MYSQL_USER=wordpress'],
              Mounts: [{ Type: 'volume', Source: 'wordpress_db-data', Target: '/var/lib/mysql', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'wordpress' } } }],
              Secrets: [{ File: { Name: 'my-pass', UID: '0', GID: '0', Mode: 0o444 }, SecretName: 'my-pass' }],
            },
            task: { Placement: { Constraints: ['node.role == manager'] } },
            spec: { Mode: { Replicated: {} } },
          }),
          serviceOf('wordpress', 'wordpress', {
            imageLabel: 'wordpress',
            image: 'wordpress:latest',
            network: 'overlay',
            container: { Env: ['WORDPRESS_DB_HOST=db:3306', 'WORDPRESS_DB_PASSWORD=wordpress', 'WORDPRESS_DB_USER=wordpress'] },
            spec: {
              Mode: { Replicated: { Replicas: 3 } },
              EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }] },
            },
          }),
        ],
      }),
    );
  });

  it('cluster.yml: version "3" (read as 3.13), six replicas on workers, an ingress port', () => {
    const { stack, problems } = translateStack({ ...loadFixture('cluster'), stackName: 'cluster' });
    expect(inEnglish(problems)).toEqual([]);
    expect(stack).toEqual(
      stackOf('cluster', {
        services: [
          serviceOf('cluster', 'cluster', {
            imageLabel: 'russmckendrick/cluster',
            image: 'russmckendrick/cluster:latest',
            task: { RestartPolicy: { Condition: 'on-failure' }, Placement: { Constraints: ['node.role == worker'] } },
            spec: {
              Mode: { Replicated: { Replicas: 6 } },
              EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' }] },
            },
          }),
        ],
      }),
    );
  });
});

describe('warnings the fixtures raise', () => {
  it('quirks: each ignored key once, where it is written', () => {
    const { recording: _r, ...input } = loadFixture('quirks');
    const { problems } = translateStack(input);
    const ignored = problems.filter((p) => problemText(p).includes('is ignored')).map((p) => p.path);
    expect(ignored).toEqual(
      expect.arrayContaining([
        'services.a.build',
        'services.a.container_name',
        'services.a.depends_on',
        'services.a.links',
        'services.a.expose',
        'services.a.tmpfs',
        'services.a.network_mode',
        'services.a.oom_score_adj',
        'services.a.privileged',
        'services.e.restart',
      ]),
    );
    expect(problems.every((p) => p.severity === 'warning' && p.line !== undefined)).toBe(true);
  });

  it('anchors-and-names: the deprecated external.name, as the CLI warns', () => {
    const { recording: _r, ...input } = loadFixture('anchors-and-names');
    const { problems } = translateStack(input);
    expect(inEnglish(problems)).toEqual([
      { severity: 'warning', path: 'secrets.oldext.external.name', line: 54, column: 7, message: 'secret oldext: secret.external.name is deprecated in favor of secret.name' },
    ]);
  });
});
