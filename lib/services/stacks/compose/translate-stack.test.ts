// The stack as a whole: which networks, secrets and configs get created and under which names,
// what must exist already, and the problems a user sees (with path, line and column).
import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import { translateStack, type StackFiles } from '@/lib/services/stacks/compose/translate-stack.ts';

type Options = { variables?: Record<string, string>; files?: StackFiles; stackName?: string };
const translate = (composeText: string, options: Options = {}) =>
  translateStack({ stackName: options.stackName ?? 'shop', composeText, variables: options.variables ?? {}, files: options.files ?? {} });
const errorsOf = (composeText: string, options: Options = {}) => translate(composeText, options).problems.filter((p) => p.severity === 'error');

describe('networks', () => {
  it('creates <stack>_default only when a service names no network, and only the networks services use', () => {
    const { stack } = translate('services:\n  a: {image: x}\n  b: {image: x, networks: [front]}\nnetworks:\n  front:\n  unused:\n');
    expect(stack?.networks.map((n) => n.name)).toEqual(['shop_default', 'shop_front']);
    const { stack: onlyNamed } = translate('services:\n  a: {image: x, networks: [front]}\nnetworks:\n  front:\n');
    expect(onlyNamed?.networks.map((n) => n.name)).toEqual(['shop_front']);
  });

  it('creates overlay networks with the namespace label and the file\'s options, as the CLI sends them', () => {
    const { stack } = translate(
      'services:\n  a: {image: x, networks: [front, back, named]}\nnetworks:\n  front:\n    attachable: true\n    driver_opts: {encrypted: ""}\n    labels: {a: b}\n  back:\n    driver: overlay\n    internal: true\n    ipam:\n      driver: default\n      config: [{subnet: 10.10.0.0/24}]\n  named:\n    name: custom-net\n',
    );
    const base = { Driver: 'overlay', Scope: '', IPAM: null, Internal: false, Attachable: false, Ingress: false, ConfigOnly: false, ConfigFrom: null, Options: null };
    expect(stack?.networks).toEqual([
      { name: 'custom-net', external: false, spec: { ...base, Name: 'custom-net', Labels: { 'com.docker.stack.namespace': 'shop' } } },
      { name: 'shop_back', external: false, spec: { ...base, Name: 'shop_back', Internal: true, IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '10.10.0.0/24' }] }, Labels: { 'com.docker.stack.namespace': 'shop' } } },
      { name: 'shop_front', external: false, spec: { ...base, Name: 'shop_front', Attachable: true, Options: { encrypted: '' }, Labels: { a: 'b', 'com.docker.stack.namespace': 'shop' } } },
    ]);
  });

  it('lists external networks that must exist, by name, leaving out host-like networks every node has', () => {
    const { stack } = translate('services:\n  a: {image: x, networks: [outside, old, hostnet]}\nnetworks:\n  outside: {external: true}\n  old: {external: {name: legacy-net}}\n  hostnet: {external: true, name: host}\n');
    expect(stack?.externalNetworks).toEqual(['legacy-net', 'outside']);
    expect(stack?.networks).toEqual([]);
  });

  it('uses a declared default network for services that name none', () => {
    const { stack } = translate('services:\n  a: {image: x}\nnetworks:\n  default:\n    external: true\n    name: shared\n');
    expect(stack?.networks).toEqual([]);
    expect(stack?.externalNetworks).toEqual(['shared']);
    expect(stack?.services[0].spec.TaskTemplate.Networks).toEqual([{ Target: 'shared', Aliases: ['a'] }]);
  });

  it('refuses name and external.name together, and warns that external.name is deprecated (CLI, 3.5 and later)', () => {
    expect(errorsOf('services:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {external: {name: x}, name: y}\n').map((p) => p.message)).toEqual([
      'network n: network.external.name and network.name conflict; only use network.name',
    ]);
    expect(translate('services:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {external: {name: x}}\n').problems).toEqual([
      { severity: 'warning', path: 'networks.n.external.name', line: 4, column: 18, message: 'network n: network.external.name is deprecated in favor of network.name' },
    ]);
    expect(translate('version: "3.4"\nservices:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {external: {name: x}}\n').problems).toEqual([]);
  });
});

describe('secrets and configs', () => {
  const files = { 'db/password.txt': 's3cret\n', 'nginx.conf': 'server {}\n' };

  it('creates every stack-owned secret and config as <stack>_<name> with base64 data and labels, used or not', () => {
    const { stack } = translate(
      'services:\n  a: {image: x, secrets: [pw]}\nsecrets:\n  pw: {file: ./db/password.txt, labels: {kind: db}}\n  spare: {file: db/password.txt}\n  ext: {external: true}\nconfigs:\n  web: {file: nginx.conf, template_driver: golang}\n',
      { files },
    );
    const label = { 'com.docker.stack.namespace': 'shop' };
    expect(stack?.secrets).toEqual([
      { name: 'shop_pw', spec: { Name: 'shop_pw', Labels: { kind: 'db', ...label }, Data: Buffer.from('s3cret\n').toString('base64') } },
      { name: 'shop_spare', spec: { Name: 'shop_spare', Labels: label, Data: Buffer.from('s3cret\n').toString('base64') } },
    ]);
    expect(stack?.configs).toEqual([{ name: 'shop_web', spec: { Name: 'shop_web', Labels: label, Data: Buffer.from('server {}\n').toString('base64'), Templating: { Name: 'golang' } } }]);
  });

  it('lists the external secrets and configs the services use, by their real names', () => {
    const { stack } = translate(
      'services:\n  a: {image: x, secrets: [ext, old], configs: [shared]}\nsecrets:\n  ext: {external: true}\n  old: {external: {name: legacy}}\n  unused: {external: true}\nconfigs:\n  shared: {external: true, name: shared-conf}\n',
    );
    expect(stack?.externalSecrets).toEqual(['ext', 'legacy']);
    expect(stack?.externalConfigs).toEqual(['shared-conf']);
    expect(stack?.secrets).toEqual([]);
  });

  it('creates a driver-backed secret without data', () => {
    const { stack } = translate('services:\n  a: {image: x}\nsecrets:\n  v: {driver: vault, driver_opts: {path: 5}}\n');
    expect(stack?.secrets).toEqual([{ name: 'shop_v', spec: { Name: 'shop_v', Labels: { 'com.docker.stack.namespace': 'shop' }, Driver: { Name: 'vault', Options: { path: '5' } } } }]);
  });

  it('never reads a file outside the stack\'s own files', () => {
    const text = (file: string) => `services:\n  a: {image: x}\nsecrets:\n  s: {file: "${file}"}\nconfigs:\n  c: {file: "${file}"}\n`;
    for (const [file, reason] of [
      ['../../etc/shadow', '".." is not allowed: the file must be kept with the stack'],
      ['/etc/shadow', 'absolute paths are not allowed: name a file kept with the stack'],
      ['~/.ssh/id_rsa', 'paths relative to a home folder are not allowed: name a file kept with the stack'],
      ['db/../../x', '".." is not allowed: the file must be kept with the stack'],
    ]) {
      expect(errorsOf(text(file), { files }).map((p) => [p.path, p.message])).toEqual([
        ['secrets.s.file', `secret s: file "${file}": ${reason}`],
        ['configs.c.file', `config c: file "${file}": ${reason}`],
      ]);
    }
  });

  it('refuses a secret file that is not kept with the stack, and one with nowhere to come from', () => {
    expect(errorsOf('services:\n  a: {image: x}\nsecrets:\n  s: {file: missing.txt}\n  t: {labels: [a=b]}\n').map((p) => p.message)).toEqual([
      'secret s: no file "missing.txt" is kept with the stack',
      'secret t: say where its value comes from with file:, or mark it external: true',
    ]);
  });

  it('takes inline content and stack variables in files without version: (Wharf extensions)', () => {
    const { stack, problems } = translate('services:\n  a: {image: x}\nconfigs:\n  inline: {content: "x=1\\n"}\nsecrets:\n  token: {environment: API_TOKEN}\n', { variables: { API_TOKEN: 't0ken' } });
    expect(problems).toEqual([]);
    expect(stack?.configs[0].spec.Data).toBe(Buffer.from('x=1\n').toString('base64'));
    expect(stack?.secrets[0].spec.Data).toBe(Buffer.from('t0ken').toString('base64'));
    expect(errorsOf('services:\n  a: {image: x}\nsecrets:\n  token: {environment: API_TOKEN}\n').map((p) => p.message)).toEqual(['secret token: the variable "API_TOKEN" is not set']);
  });

  it('refuses names swarm would refuse', () => {
    expect(errorsOf(`services:\n  a: {image: x}\nsecrets:\n  s: {file: f, name: "${'x'.repeat(65)}"}\nconfigs:\n  "c-": {file: f}\n`, { files: { f: 'x' } }).map((p) => p.path)).toEqual(['secrets.s', 'configs.c-']);
  });
});

describe('volumes', () => {
  it('lists the stack\'s volumes by engine name, for information', () => {
    const { stack } = translate('services:\n  a: {image: x, volumes: ["data:/d"]}\nvolumes:\n  data:\n  ext: {external: true}\n  named: {name: kept}\n');
    expect(stack?.volumes).toEqual([
      { name: 'ext', external: true },
      { name: 'kept', external: false },
      { name: 'shop_data', external: false },
    ]);
  });

  it('refuses options on an external volume, as the CLI does', () => {
    expect(errorsOf('services:\n  a: {image: x}\nvolumes:\n  v: {external: true, driver: local}\n').map((p) => p.message)).toEqual(['conflicting parameters "external" and "driver" specified for volume "v"']);
  });
});

describe('the stack name, files and variables', () => {
  it.each(['../../etc', '/', 'a\u0000b', 'Shop', 'shop\n'])('refuses the stack name %j before reading anything', (stackName) => {
    const { stack, problems } = translate('services:\n  a: {image: x}\n', { stackName });
    expect(stack).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error' });
    expect(problems[0]).not.toHaveProperty('path');
  });

  it('refuses a service whose swarm name would be invalid or too long', () => {
    expect(errorsOf('services:\n  web.1: {image: x}\n').map((p) => p.message)).toEqual([
      'service web.1: "shop_web.1" is not a valid swarm service name: use letters, digits, "-" and "_" (no dots), starting and ending with a letter or digit',
    ]);
    expect(errorsOf(`services:\n  ${'s'.repeat(60)}: {image: x}\n`).map((p) => p.message)[0]).toMatch(/longer than the 63 characters/);
  });

  it('refuses stack files with unsafe paths', () => {
    expect(errorsOf('services:\n  a: {image: x}\n', { files: { '../evil': 'x', '/etc/passwd': 'y' } }).map((p) => p.message)).toEqual([
      'stack file "../evil": ".." is not allowed: the file must be kept with the stack',
      'stack file "/etc/passwd": absolute paths are not allowed: name a file kept with the stack',
    ]);
  });

  it('refuses variables that could not be an environment', () => {
    expect(errorsOf('services:\n  a: {image: x}\n', { variables: { 'A=B': '1', OK: 'a\u0000b' } }).map((p) => p.message)).toEqual([
      'variable "A=B": a name cannot be empty or contain "=" or control characters',
      'variable "OK": the value must be text without NUL characters',
    ]);
  });

  it('refuses a file with no services', () => {
    expect(errorsOf('services: {}\n').map((p) => p.message)).toEqual(['the compose file defines no services']);
    expect(errorsOf('version: "3.8"\n').map((p) => p.message)).toEqual(['the compose file defines no services']);
  });
});

describe('problems', () => {
  it('gives YAML syntax errors a line and column, and no stack', () => {
    expect(translate('services:\n  web:\n    image: nginx\n   ports: [80]\n')).toEqual({
      stack: null,
      problems: [{ severity: 'error', message: 'All mapping items must start at the same column', line: 4, column: 1 }],
    });
  });

  it('gives unknown keys and wrong types their path, line and column', () => {
    expect(translate('services:\n  web:\n    image: nginx\n    replicas: 2\n    deploy:\n      replicas: two\n')).toEqual({
      stack: null,
      problems: [
        { severity: 'error', path: 'services.web.replicas', line: 4, column: 5, message: 'unknown key "replicas" in services.web' },
        { severity: 'error', path: 'services.web.deploy.replicas', line: 6, column: 7, message: 'services.web.deploy.replicas must be an integer' },
      ],
    });
  });

  it('says "service db: undefined secret "my-pass"" at the reference, like the CLI', () => {
    expect(translate('services:\n  db:\n    image: mysql\n    secrets:\n      - my-pass\n')).toEqual({
      stack: null,
      problems: [{ severity: 'error', path: 'services.db.secrets[0]', line: 5, column: 9, message: 'service db: undefined secret "my-pass"' }],
    });
  });

  it('reports every undefined reference, not only the first, in reading order', () => {
    expect(errorsOf('services:\n  db:\n    image: x\n    configs: [c]\n    networks: [n]\n    volumes: ["vol:/x"]\n  api:\n    image: x\n    secrets: [s]\n').map((p) => [p.line, p.message])).toEqual([
      [4, 'service db: undefined config "c"'],
      [5, 'service db: undefined network "n"'],
      [6, 'service db: undefined volume "vol"'],
      [9, 'service api: undefined secret "s"'],
    ]);
  });

  it('keeps the stack when there are only warnings (ignored keys, unset variables)', () => {
    const { stack, problems } = translate('services:\n  web:\n    image: "nginx:${TAG:-1.25}"\n    container_name: web\n    depends_on: [db]\n    hostname: "${HOST}"\n  db:\n    image: postgres\n');
    expect(stack?.services.map((s) => s.name)).toEqual(['shop_db', 'shop_web']);
    expect(problems.map((p) => ({ ...p, message: localizeText(p.message, 'en') }))).toEqual([
      { severity: 'warning', path: 'services.web.container_name', line: 4, column: 5, message: '"container_name" is ignored: Setting the container name is not supported.' },
      { severity: 'warning', path: 'services.web.depends_on', line: 5, column: 5, message: '"depends_on" is ignored: swarm starts services in no particular order' },
      { severity: 'warning', path: 'services.web.hostname', line: 6, column: 5, message: 'The "HOST" variable is not set. Defaulting to a blank string.' },
    ]);
  });

  it('reports a required variable as an error, and the CLI\'s version rules', () => {
    expect(errorsOf('services:\n  db:\n    image: "postgres:${PG?set PG}"\n').map((p) => p.message)).toEqual(['required variable PG is missing a value: set PG']);
    expect(errorsOf('version: 3.8\nservices:\n  db: {image: x}\n').map((p) => [p.path, p.line, p.message])).toEqual([['version', 1, 'version must be a string: write version: "3.8", in quotes']]);
  });

  it('interpolates before checking types, and casts like the CLI', () => {
    const { stack } = translate('services:\n  web:\n    image: nginx\n    deploy:\n      replicas: ${REPLICAS:-2}\n', { variables: {} });
    expect(stack?.services[0].spec.Mode).toEqual({ Replicated: { Replicas: 2 } });
  });
});
