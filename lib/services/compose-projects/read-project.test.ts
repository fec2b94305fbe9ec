// Reading a compose file into a project: what Compose v2 would run on one host, and every refusal
// with its place in the file.
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import { readProject, type ReadProjectInput } from './read-project.ts';

const read = (composeText: string, more: Partial<ReadProjectInput> = {}) => readProject({ projectName: 'shop', composeText, variables: {}, files: {}, ...more });
const errors = (composeText: string, more: Partial<ReadProjectInput> = {}) => read(composeText, more).problems.filter((p) => p.severity === 'error');

describe('readProject', () => {
  it('reads services, the default network and named volumes as Compose v2 names them', () => {
    const { project, problems } = read(
      [
        'services:',
        '  web:',
        '    image: local/busybox:latest',
        '    command: httpd -f -p 80',
        '    ports: ["8080:80", "127.0.0.1:5353:53/udp"]',
        '    environment: {B: "2", A: "1"}',
        '    volumes: ["data:/data:ro", "/srv/www:/www"]',
        '    restart: on-failure:3',
        '    healthcheck: {test: "true", interval: 2s, retries: 3}',
        'volumes:',
        '  data: {}',
      ].join('\n'),
    );
    expect(inEnglish(problems)).toEqual([]);
    expect(project?.networks).toEqual([{ key: 'default', name: 'shop_default', external: false, driver: 'bridge', driverOpts: {}, labels: {}, internal: false }]);
    expect(project?.volumes).toEqual([{ key: 'data', name: 'shop_data', external: false, driver: 'local', driverOpts: {}, labels: {} }]);
    const web = project!.services[0];
    expect(web).toMatchObject({
      name: 'web',
      image: 'local/busybox:latest',
      command: ['httpd', '-f', '-p', '80'],
      environment: ['A=1', 'B=2'],
      ports: [{ target: 80, published: 8080, protocol: 'tcp', hostIp: '' }, { target: 53, published: 5353, protocol: 'udp', hostIp: '127.0.0.1' }],
      mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }, { type: 'bind', source: '/srv/www', target: '/www', readOnly: false }],
      networks: [{ key: 'default', aliases: [] }],
      restart: { Name: 'on-failure', MaximumRetryCount: 3 },
      healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 2_000_000_000, Retries: 3 },
      scale: 1,
    });
  });

  it('interpolates variables and reads env files kept with the project, environment winning', () => {
    const { project, problems } = read('services:\n  a:\n    image: "busybox:${TAG:-1}"\n    env_file: app.env\n    environment: [X=from-file-loses, ONLY]\n', {
      variables: { TAG: '2', ONLY: 'v' },
      files: { 'app.env': 'X=file\nY=y\n' },
    });
    expect(inEnglish(problems)).toEqual([]);
    expect(project?.services[0]).toMatchObject({ image: 'busybox:2', environment: ['ONLY=v', 'X=from-file-loses', 'Y=y'] });
  });

  it("reads env_file's long form: a file not required may be missing, one required may not, and other entries are refused where written", () => {
    const text = 'services:\n  a:\n    image: x\n    env_file:\n      - {path: ./optional.env, required: false}\n      - path: needed.env\n';
    expect(read(text, { files: { 'needed.env': 'N=1\n' } })).toMatchObject({ problems: [], project: { services: [{ environment: ['N=1'] }] } });
    expect(read(text, { files: { 'needed.env': 'N=1\n', 'optional.env': 'O=1\nN=2\n' } }).project?.services[0].environment).toEqual(['N=1', 'O=1']);
    expect(inEnglish(errors(text))).toEqual([expect.objectContaining({ line: 6, message: expect.stringContaining('no file "needed.env" is kept with the project') })]);
    expect(problemText(errors('services:\n  a:\n    image: x\n    env_file: [{path: /etc/app.env, required: false}]\n')[0])).toContain('absolute paths are not allowed');
    expect(inEnglish(errors('services:\n  a:\n    image: x\n    env_file:\n      - 5\n'))).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('an env_file entry is a path, or {path, required}') })]);
  });

  it('refuses build: with a sentence at its line and column, whether or not an image is named', () => {
    expect(inEnglish(errors('services:\n  app:\n    build: .\n'))).toEqual([
      expect.objectContaining({ path: 'services.app.build', line: 3, column: 5, message: expect.stringContaining('Wharf cannot build images') }),
    ]);
    expect(inEnglish(errors('services:\n  app:\n    image: x\n    build: {context: .}\n')[0])).toMatchObject({ line: 4, message: expect.stringContaining('name it with image:') });
  });

  it('refuses what it cannot do as Compose does, where it is written', () => {
    expect(inEnglish(errors('services:\n  a:\n    image: x\n    privileged: true\n')[0])).toMatchObject({ path: 'services.a.privileged', line: 4, message: expect.stringContaining('not supported') });
    expect(problemText(errors('services:\n  a:\n    image: x\n    volumes: ["./data:/data"]\n')[0])).toContain("set the project's working directory on the host");
    expect(problemText(errors('services:\n  a:\n    image: x\n    volumes: ["nope:/data"]\n')[0])).toBe('service "a" refers to undefined volume nope: declare it under the top-level volumes');
    expect(problemText(errors('services:\n  a:\n    image: x\n    networks: [back]\n')[0])).toContain('undefined network back');
    expect(problemText(errors('services:\n  a:\n    image: x\nsecrets:\n  s: {external: true}\n')[0])).toContain('it needs a swarm');
    expect(problemText(errors('services:\n  a:\n    image: x\n    restart: sometimes\n')[0])).toContain('restart "sometimes"');
    expect(problemText(errors('services:\n  a:\n    image: x\n    depends_on: {b: {condition: service_ready}}\n  b: {image: x}\n')[0])).toContain('service_ready');
    expect(problemText(errors('services:\n  a: {image: x, depends_on: [ghost]}\n')[0])).toBe('service "a" depends on undefined service "ghost"');
    expect(problemText(errors('services:\n  a: {image: x, container_name: one, scale: 2}\n')[0])).toContain('one name cannot be given to several containers');
    expect(problemText(errors('services:\n  a:\n    command: x\n')[0])).toBe('service "a" names no image: add image:');
  });

  it('says where YAML goes wrong, and what an unsafe project name or file path is', () => {
    expect(inEnglish(errors('services:\n  a: [\n')[0])).toMatchObject({ line: expect.any(Number) });
    expect(problemText(errors('services:\n  a: {image: x}\n', { projectName: '../etc' })[0])).toContain('lower-case letters');
    expect(problemText(errors('services:\n  a: {image: x, env_file: ../../etc/passwd}\n')[0])).toContain('".." is not allowed');
    expect(problemText(errors('services:\n  a: {image: x}\n', { files: { '/etc/shadow': 'x' } })[0])).toContain('project file "/etc/shadow"');
  });

  it('depends_on: a list means started; the long form keeps condition, required and restart; network_mode service:x adds one', () => {
    const { project } = read(
      'services:\n  db: {image: x}\n  cache: {image: x}\n  web:\n    image: x\n    depends_on:\n      db: {condition: service_healthy, restart: true}\n      cache: {condition: service_completed_successfully, required: false}\n  side: {image: x, network_mode: "service:web", depends_on: [db]}\n',
    );
    expect(project?.services.find((s) => s.name === 'web')?.dependsOn).toEqual({
      db: { condition: 'service_healthy', required: true, restart: true },
      cache: { condition: 'service_completed_successfully', required: false, restart: false },
    });
    expect(project?.services.find((s) => s.name === 'side')).toMatchObject({ networks: [], networkMode: 'service:web', dependsOn: { db: expect.anything(), web: { condition: 'service_started', required: true, restart: false } } });
  });

  it('profiles: services with profiles run only when one is enabled; a required dependency on a disabled one is refused', () => {
    const file = 'services:\n  web: {image: x}\n  debug: {image: x, profiles: [tools]}\n';
    expect(read(file).project).toMatchObject({ services: [{ name: 'web' }], disabled: ['debug'] });
    expect(read(file, { profiles: ['tools'] }).project?.services.map((s) => s.name)).toEqual(['web', 'debug']);
    expect(problemText(errors('services:\n  web: {image: x, depends_on: [debug]}\n  debug: {image: x, profiles: [tools]}\n')[0])).toBe('service "web" depends on "debug", which no enabled profile enables');
    expect(read('services:\n  web: {image: x, depends_on: {debug: {condition: service_started, required: false}}}\n  debug: {image: x, profiles: [tools]}\n').project?.services[0].dependsOn).toEqual({});
  });

  it('scale from scale: or deploy.replicas; declared and external networks and volumes by their names', () => {
    const { project, problems } = read(
      'services:\n  a:\n    image: x\n    deploy: {replicas: 3, resources: {}}\n    networks: {front: {aliases: [www]}, outside: {}}\n    volumes: [{type: volume, source: keep, target: /k}]\nnetworks:\n  front: {name: my-front}\n  outside: {external: true}\nvolumes:\n  keep: {external: true, name: kept}\n',
    );
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
    expect(project?.services[0].scale).toBe(3);
    expect(project?.networks.map((n) => [n.name, n.external])).toEqual([['my-front', false], ['outside', true]]);
    expect(project?.volumes.map((v) => [v.name, v.external])).toEqual([['kept', true]]);
  });
});

describe('readProject: relative binds', () => {
  const file = 'services:\n  a:\n    image: x\n    volumes: ["./data:/data", "../shared:/shared:ro", {type: bind, source: ./conf, target: /conf}, "/abs:/abs"]\n';
  it('resolve against the working directory the project declares, as Compose does against its folder', () => {
    const { project, problems } = read(file, { workingDir: '/srv/shop' });
    expect(inEnglish(problems)).toEqual([]);
    expect(project?.services[0].mounts).toEqual([
      { type: 'bind', source: '/srv/shop/data', target: '/data', readOnly: false },
      { type: 'bind', source: '/srv/shared', target: '/shared', readOnly: true },
      { type: 'bind', source: '/srv/shop/conf', target: '/conf', readOnly: false },
      { type: 'bind', source: '/abs', target: '/abs', readOnly: false },
    ]);
    expect(project?.workingDir).toBe('/srv/shop');
  });

  it('are refused at their line without one, saying to set it; a home-relative path is refused either way', () => {
    expect(inEnglish(errors(file).map((p) => p.path))).toEqual(['services.a.volumes[0]', 'services.a.volumes[1]', 'services.a.volumes[2]']);
    expect(problemText(errors('services:\n  a:\n    image: x\n    volumes: ["~/data:/data"]\n', { workingDir: '/srv/shop' })[0])).toContain('is relative');
  });
});

describe('readProject: depends_on cycles', () => {
  it('refuses a cycle, naming it at the first service’s depends_on', () => {
    const problems = errors('services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n');
    expect(inEnglish(problems)).toEqual([expect.objectContaining({ path: 'services.a.depends_on', line: 4, column: 5, message: expect.stringContaining('a → b → a') })]);
  });
});

describe('readProject: secrets and configs', () => {
  const file = [
    'services:',
    '  web:',
    '    image: x',
    '    secrets:',
    '      - db_password',
    '      - {source: api_key, target: key.txt, uid: "100", gid: "101", mode: 0400}',
    '      - {source: db_password, target: /etc/app/db}',
    '    configs:',
    '      - site',
    '      - {source: site, target: /etc/site.conf, mode: "0440"}',
    '  db: {image: x}',
    'secrets:',
    '  db_password: {file: ./secrets/db.txt}',
    '  api_key: {environment: API_KEY}',
    'configs:',
    '  site: {content: "listen ${PORT}"}',
  ].join('\n');
  const inputs = { variables: { API_KEY: 'k-123', PORT: '80' }, files: { 'secrets/db.txt': 'hunter2' } };

  it('places secrets in /run/secrets and configs at /<source> unless a target says otherwise, root-owned, mode 0444 by default', () => {
    const { project, problems } = read(file, inputs);
    expect(inEnglish(problems)).toEqual([]);
    const web = project!.services.find((s) => s.name === 'web')!;
    expect(web.files.map(({ digest: _digest, ...f }) => f)).toEqual([
      { kind: 'secret', source: 'db_password', target: '/run/secrets/db_password', uid: 0, gid: 0, mode: 0o444 },
      { kind: 'secret', source: 'api_key', target: '/run/secrets/key.txt', uid: 100, gid: 101, mode: 0o400 },
      { kind: 'secret', source: 'db_password', target: '/etc/app/db', uid: 0, gid: 0, mode: 0o444 },
      { kind: 'config', source: 'site', target: '/site', uid: 0, gid: 0, mode: 0o444 },
      { kind: 'config', source: 'site', target: '/etc/site.conf', uid: 0, gid: 0, mode: 0o440 },
    ]);
    expect(project!.services.find((s) => s.name === 'db')!.files).toEqual([]);
    expect(project!.contents).toEqual({ 'secret:db_password': 'hunter2', 'secret:api_key': 'k-123', 'config:site': 'listen 80' });
  });

  it('keeps content out of the service: a digest under the project key changes with the content, and with the key', () => {
    const digests = (more: Partial<ReadProjectInput>) => read(file, { ...inputs, ...more }).project!.services[0].files.map((f) => f.digest);
    const before = digests({ digestKey: 'k1' });
    expect(JSON.stringify(read(file, { ...inputs, digestKey: 'k1' }).project!.services)).not.toMatch(/hunter2|k-123/);
    expect(digests({ digestKey: 'k1' })).toEqual(before);
    const changed = digests({ digestKey: 'k1', files: { 'secrets/db.txt': 'hunter3' } });
    expect(changed[0]).not.toBe(before[0]);
    expect(changed.slice(1, 2)).toEqual(before.slice(1, 2));
    expect(digests({ digestKey: 'k2' })[1]).not.toBe(before[1]);
  });

  it('refuses an undefined reference, a missing source, what needs a swarm, and bad targets, modes and owners at their lines', () => {
    const at = (text: string, more: Partial<ReadProjectInput> = {}) => (inEnglish(errors(text, more)) as { message?: string }[])[0];
    expect(at('services:\n  a:\n    image: x\n    secrets: [ghost]\n')).toMatchObject({ path: 'services.a.secrets[0]', line: 4, message: 'undefined secret "ghost"' });
    expect(at('services:\n  a:\n    image: x\n    configs: [{source: ghost}]\n')).toMatchObject({ path: 'services.a.configs[0]', message: 'undefined config "ghost"' });
    expect(at('services:\n  a: {image: x}\nsecrets:\n  s: {}\n')).toMatchObject({ path: 'secrets.s', message: expect.stringContaining('file, environment') });
    expect(at('services:\n  a: {image: x}\nsecrets:\n  s: {content: x}\n')).toMatchObject({ path: 'secrets.s.content', message: expect.stringContaining('"content" is not supported for a secret') });
    expect(at('services:\n  a: {image: x}\nconfigs:\n  c: {template_driver: golang, content: x}\n')).toMatchObject({ path: 'configs.c.template_driver' });
    expect(at('services:\n  a: {image: x}\nsecrets:\n  s: {environment: NOPE}\n')).toMatchObject({ path: 'secrets.s.environment', message: expect.stringContaining('"NOPE" is not set') });
    expect(at('services:\n  a: {image: x}\nsecrets:\n  s: {file: s.txt}\n')).toMatchObject({ path: 'secrets.s.file' });
    expect(at('services:\n  a: {image: x}\nsecrets:\n  s: {file: ../../etc/shadow}\n')?.message).toContain('".." is not allowed: the file must be kept with the project');
    const secret = 'secrets:\n  s: {environment: V}\n';
    const withV = { variables: { V: 'v' } };
    expect(at(`services:\n  a:\n    image: x\n    secrets: [{source: s, target: ../../etc/passwd}]\n${secret}`, withV)).toMatchObject({ path: 'services.a.secrets[0].target', line: 4 });
    expect(at(`services:\n  a:\n    image: x\n    secrets: [{source: s, mode: "4755"}]\n${secret}`, withV)?.message).toContain('from 0000 to 0777');
    expect(at(`services:\n  a:\n    image: x\n    secrets: [{source: s, uid: root}]\n${secret}`, withV)?.message).toBe('uid "root" must be a number');
    expect(at(`services:\n  a:\n    image: x\n    secrets: [s, {source: s, target: s}]\n${secret}`, withV)?.message).toContain('duplicate secret target');
  });
});
