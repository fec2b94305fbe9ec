// Variable substitution and the casts that follow it. Every result marked "CLI" was checked with
// `docker stack config` (CLI 28.2) and the variables SET=val, EMPTY= and B=bee.
import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import { interpolate, substituteVariables } from '@/lib/services/stacks/compose/interpolate.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';

const VARIABLES: Record<string, string> = { SET: 'val', EMPTY: '', B: 'bee' };
const lookup = (name: string) => (Object.hasOwn(VARIABLES, name) ? VARIABLES[name] : undefined);
const sub = (template: string) => substituteVariables(template, lookup);

describe('substituteVariables: values (CLI)', () => {
  it.each([
    ['${SET}', 'val'],
    ['$SET', 'val'],
    ['$SET.$SET', 'val.val'],
    ['a${SET:-x}b$SET', 'avalbval'],
    ['${set}', ''],
    ['${_X:-u}', 'u'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${UNSET:-d}', 'd'],
    ['${SET:-}', 'val'],
    ['${EMPTY?oops}', ''],
    ['${SET?}', 'val'],
    ['$$SET $${SET}', '$SET ${SET}'],
    ['$$$SET', '$val'],
    ['${SET}}', 'val}'],
    ['${UNSET:-a}b}', 'ab}'],
    ['no dollar', 'no dollar'],
  ])('%s → %s', (template, value) => {
    expect(sub(template)).toMatchObject({ value, errors: [] });
  });

  it('reads $NAME-text as a default, as the CLI does, and says so (CLI: "$SET-suffix" → "val", "$UNSET-suffix" → "suffix")', () => {
    expect(sub('$SET-suffix')).toMatchObject({ value: 'val', errors: [] });
    expect(sub('$UNSET-suffix')).toMatchObject({ value: 'suffix', errors: [] });
    expect(sub('$SET-suffix').notes).toEqual(['"$SET-suffix" is read as a variable with a default ("-suffix"), like docker stack deploy does; write ${SET}-suffix if the text after the name is not meant as a default']);
    expect(sub('$SET:-x y}z')).toMatchObject({ value: 'val}z' });
  });

  it('takes the first operator the text contains, as the CLI does, and says so (CLI: ${UNSET:?must-be-set} → "be-set")', () => {
    const result = sub('${UNSET:?must-be-set}');
    expect(result).toMatchObject({ value: 'be-set', errors: [] });
    expect(result.notes).toEqual(['"${UNSET:?must-be-set}" is read as variable "UNSET:?must" with "-" and "be-set", like docker stack deploy does: the first operator in it wins']);
    expect(sub('${UNSET:?err:-x}')).toMatchObject({ value: 'x', errors: [] });
    expect(sub('${UNSET-a:-b}')).toMatchObject({ value: 'b', errors: [] });
  });

  it('does not nest: a default stops at the first "}" (CLI: ${UNSET:-${B}} → "${B}")', () => {
    const result = sub('${UNSET:-${B}}');
    expect(result.value).toBe('${B}');
    expect(result.notes).toContain('"${UNSET:-${B}": variables inside a default are not expanded (as with docker stack deploy); the value keeps a literal "${"');
  });

  it('reports unset variables without a default, which become empty', () => {
    expect(sub('x${UNSET}y$ALSO_UNSET')).toEqual({ value: 'xy', errors: [], unset: ['UNSET', 'ALSO_UNSET'], notes: [] });
    expect(sub('${UNSET:-d}').unset).toEqual([]);
  });

  it.each([
    ['${UNSET?oops}', 'required variable UNSET is missing a value: oops'],
    ['${UNSET:?must be set}', 'required variable UNSET is missing a value: must be set'],
    ['${EMPTY:?oops}', 'required variable EMPTY is missing a value: oops'],
    ['${UNSET?}', 'required variable UNSET is missing a value: '],
  ])('%s is an error: %s (CLI)', (template, error) => {
    expect(sub(template).errors).toEqual([error]);
  });

  it.each(['$1', '${SET', '$', 'a $ b', '${9X:-u}', '${UNSET:+x}', '$SET $1', '$$ $1'])('%j is an invalid $ form (CLI)', (template) => {
    expect(sub(template).errors).toEqual([`invalid interpolation format: "${template}"; you may need to escape any $ with another $`]);
  });

  it('keeps an error even when a later substitution succeeds (the CLI loses it: "${UNSET?x} ${SET}" deploys " val")', () => {
    expect(sub('${UNSET?x} ${SET}').errors).toEqual(['required variable UNSET is missing a value: x']);
    expect(sub('$1 $SET').errors).toHaveLength(1);
  });
});

describe('interpolate: documents', () => {
  const doc = (text: string) => parseComposeSource(text);

  it('interpolates every string value and no key, in every section, x- fields included', () => {
    const { document, problems } = interpolate(
      { services: { web: { image: 'nginx:${TAG:-1.25}', environment: { '${SET}': '${SET}' }, command: ['echo', '$$HOME', '${SET}'] } }, 'x-meta': '${SET}' },
      VARIABLES,
    );
    expect(problems).toEqual([]);
    expect(document).toEqual({ services: { web: { image: 'nginx:1.25', environment: { '${SET}': 'val' }, command: ['echo', '$HOME', 'val'] } }, 'x-meta': 'val' });
  });

  it('warns once per unset variable, at its first use, with its line', () => {
    const parsed = doc('services:\n  web:\n    image: "nginx:${TAG}"\n    hostname: "${TAG}"\n');
    const { document, problems } = interpolate(parsed.document, {}, parsed.locate);
    expect(document).toEqual({ services: { web: { image: 'nginx:', hostname: '' } } });
    expect(problems.map((p) => ({ ...p, message: localizeText(p.message, 'en') }))).toEqual([{ severity: 'warning', path: 'services.web.image', line: 3, column: 5, message: 'The "TAG" variable is not set. Defaulting to a blank string.' }]);
  });

  it('reports required variables as errors at their path, keeping the value as written', () => {
    const parsed = doc('services:\n  db:\n    image: postgres\n    environment:\n      PASSWORD: ${DB_PASSWORD?set DB_PASSWORD in the stack variables}\n');
    const { document, problems } = interpolate(parsed.document, {}, parsed.locate);
    expect(problems).toEqual([
      {
        severity: 'error',
        path: 'services.db.environment.PASSWORD',
        line: 5,
        column: 7,
        message: 'required variable DB_PASSWORD is missing a value: set DB_PASSWORD in the stack variables',
      },
    ]);
    expect(document).toMatchObject({ services: { db: { environment: { PASSWORD: '${DB_PASSWORD?set DB_PASSWORD in the stack variables}' } } } });
  });

  it('names the path in an invalid-format error, as the CLI does', () => {
    const { problems } = interpolate({ services: { web: { command: ['echo', 'cost: $5'] } } }, {});
    expect(problems).toEqual([
      { severity: 'error', path: 'services.web.command[1]', message: 'invalid interpolation format for services.web.command[1]: "cost: $5"; you may need to escape any $ with another $' },
    ]);
  });

  it('casts the fields the CLI casts, only when interpolation changed them (CLI)', () => {
    const variables = { N: '3', ON: 'on', ONE: '1', R: '0.5', OFF: 'No' };
    const { document, problems } = interpolate(
      {
        services: {
          web: {
            deploy: { replicas: '${N}', update_config: { parallelism: '+${N}', max_failure_ratio: '${R}' }, restart_policy: { max_attempts: '0${N}' }, placement: { max_replicas_per_node: '${N}' } },
            read_only: '${ON}',
            tty: '${OFF}',
            stdin_open: 'yes',
            init: '${ON}',
            ports: [{ target: '${N}', published: '${ONE}' }],
            ulimits: { nofile: '${N}', nproc: { soft: '${N}', hard: '${N}' } },
            secrets: [{ source: 's', mode: '${N}' }],
            volumes: [{ type: 'volume', target: '/x', read_only: '${ON}', volume: { nocopy: '${OFF}' } }],
            healthcheck: { retries: '${N}', disable: '${OFF}' },
          },
        },
        networks: { n: { external: '${ON}', internal: '${OFF}', attachable: '${ON}' } },
        volumes: { v: { external: '${OFF}' } },
        secrets: { s: { external: '${ON}' } },
        configs: { c: { external: '${ON}' } },
      },
      variables,
    );
    expect(problems).toEqual([]);
    expect(document).toEqual({
      services: {
        web: {
          deploy: { replicas: 3, update_config: { parallelism: 3, max_failure_ratio: 0.5 }, restart_policy: { max_attempts: 3 }, placement: { max_replicas_per_node: 3 } },
          read_only: true,
          tty: false,
          // Unchanged by interpolation, so not cast: the schema check refuses it, as the CLI does.
          stdin_open: 'yes',
          // Not in the CLI's cast list: stays a string, and the schema check refuses it.
          init: 'on',
          ports: [{ target: 3, published: 1 }],
          ulimits: { nofile: 3, nproc: { soft: 3, hard: 3 } },
          secrets: [{ source: 's', mode: 3 }],
          volumes: [{ type: 'volume', target: '/x', read_only: true, volume: { nocopy: false } }],
          healthcheck: { retries: 3, disable: false },
        },
      },
      networks: { n: { external: true, internal: false, attachable: true } },
      volumes: { v: { external: false } },
      secrets: { s: { external: true } },
      configs: { c: { external: true } },
    });
  });

  it('reports a value that cannot be cast (CLI: "failed to cast to expected type")', () => {
    const { problems } = interpolate({ services: { web: { deploy: { replicas: '${BAD}' }, tty: '$$x' } } }, { BAD: 'abc' });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['services.web.deploy.replicas', '"abc" is not an integer after interpolating "${BAD}"'],
      ['services.web.tty', '"$x" is not a boolean after interpolating "$$x"'],
    ]);
  });

  it('leaves non-string values and the input document alone', () => {
    const input = { services: { web: { deploy: { replicas: 2 }, tty: true, labels: null } } };
    const copy = structuredClone(input);
    expect(interpolate(input, { A: 'b' }).document).toEqual(input);
    expect(input).toEqual(copy);
  });

  it('treats variable names case-sensitively and only looks at own properties', () => {
    expect(interpolate({ a: '${constructor}${toString:-d}${set}' }, { SET: 'x' }).document).toEqual({ a: 'd' });
  });
});
