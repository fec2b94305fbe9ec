// A compose file, the stack's variables and the files kept with it, translated into what
// `docker stack deploy` would create: overlay networks, secrets, configs and service specs named
// "<stack>_<name>" and labelled with the stack's namespace. Nothing is sent anywhere: the deployer
// creates these in order (networks, secrets, configs, then services, filling in secret and config IDs).
// Pure.
import 'server-only';
import { checkVariables, hasErrors, inReadingOrder, problemAt, type ComposeProblem, type Locate, type PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import { checkCompose, readVersion } from '@/lib/services/stacks/compose/compose-schema.ts';
import { dict, has, type ConvertContext, type Dict } from '@/lib/services/stacks/compose/compose-values.ts';
import { FORBIDDEN_KEYS, convertService } from '@/lib/services/stacks/compose/convert-service.ts';
import {
  configSpecs,
  isUserDefinedNetwork,
  networkCreate,
  resolveConfigs,
  resolveNetworks,
  resolveSecrets,
  resolveVolumes,
  secretSpecs,
  type Definition,
} from '@/lib/services/stacks/compose/convert-stack-objects.ts';
import { interpolate } from '@/lib/services/stacks/compose/interpolate.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';
import { normaliseStackFiles, readStackFile, type StackFiles } from '@/lib/services/stacks/compose/stack-files.ts';
import { validateStackName } from '@/lib/services/stacks/compose/stack-name.ts';
import type { ConfigSpec, NetworkCreate, SecretSpec, ServiceSpec } from '@/lib/services/stacks/compose/types.ts';
import { msg } from '@/lib/i18n/message.ts';

export type { StackFiles } from '@/lib/services/stacks/compose/stack-files.ts';
export type { ComposeProblem } from '@/lib/services/stacks/compose/compose-path.ts';

export type TranslatedStack = {
  namespace: string;
  /** Networks to create (those the services use, plus <stack>_default when a service names none). */
  networks: { name: string; spec: NetworkCreate; external: false }[];
  /** Swarm-scoped networks that must already exist (host, bridge and the like are left out: every node has them). */
  externalNetworks: string[];
  /** For information: the engine creates named volumes on first use, with the labels in each mount. */
  volumes: { name: string; external: boolean }[];
  /** Secrets to create or update; Data is base64. */
  secrets: { name: string; spec: SecretSpec }[];
  /** External secrets the services refer to: they must exist before the services are created. */
  externalSecrets: string[];
  configs: { name: string; spec: ConfigSpec }[];
  externalConfigs: string[];
  /** Secret and config references carry names only: set SecretID / ConfigID once they exist. */
  services: { name: string; spec: ServiceSpec }[];
};

/** Told where each variable and file is used while a stack is translated (a path into the document). */
export type InputTrace = { variable(name: string, at: readonly PathSegment[]): void; file(path: string, at: readonly PathSegment[]): void };

export type TranslateInput = { stackName: string; composeText: string; variables: Record<string, string>; files: StackFiles; trace?: InputTrace };

/** swarmkit's rule for secret and config names. */
const OBJECT_NAME = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/;

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sortedUnique = (names: Iterable<string>) => [...new Set(names)].sort();

/** The CLI refuses these before anything else, with its reasons. */
function forbiddenKeys(document: Dict, locate: Locate): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  for (const [service, raw] of Object.entries(dict(document.services))) {
    for (const key of Object.keys(dict(raw))) {
      if (Object.hasOwn(FORBIDDEN_KEYS, key)) problems.push(problemAt('error', ['services', service, key], msg('composeChecks.service.forbiddenKey', { key, reason: msg(FORBIDDEN_KEYS[key]) }), locate));
    }
  }
  return problems;
}

function checkObjectNames(kind: 'secret' | 'config', definitions: Map<string, Definition>, ctx: ConvertContext) {
  for (const definition of definitions.values()) {
    if (definition.external) continue;
    if (definition.name.length > 64 || !OBJECT_NAME.test(definition.name)) {
      ctx.problems.push(problemAt('error', [`${kind}s`, definition.key], msg('composeChecks.objects.invalidName', { kind, name: definition.name }), ctx.locate));
    }
  }
}

export function translateStack(input: TranslateInput): { stack: TranslatedStack | null; problems: ComposeProblem[] } {
  const result = translate(input);
  return { stack: result.stack, problems: inReadingOrder(result.problems) };
}

function translate(input: TranslateInput): { stack: TranslatedStack | null; problems: ComposeProblem[] } {
  const problems: ComposeProblem[] = [];
  const nameProblem = validateStackName(input.stackName);
  if (nameProblem) problems.push({ severity: 'error', said: nameProblem });
  const { files, errors: fileErrors } = normaliseStackFiles(input.files);
  for (const said of fileErrors) problems.push({ severity: 'error', said });
  problems.push(...checkVariables(input.variables));

  const parsed = parseComposeSource(input.composeText);
  problems.push(...parsed.problems);
  if (parsed.document === null || hasErrors(problems)) return { stack: null, problems };
  const { locate, isFloat } = parsed;
  const raw = parsed.document as Dict;

  const version = readVersion(raw);
  if ('error' in version) return { stack: null, problems: [...problems, problemAt('error', ['version'], version.error, locate)] };
  const forbidden = forbiddenKeys(raw, locate);
  if (forbidden.length > 0) return { stack: null, problems: [...problems, ...forbidden] };

  const interpolated = interpolate(raw, input.variables, locate, input.trace && ((name, at) => input.trace?.variable(name, at)));
  problems.push(...interpolated.problems);
  const document = interpolated.document as Dict;
  problems.push(...checkCompose(document, version.version, locate));
  if (hasErrors(problems)) return { stack: null, problems };

  const ctx: ConvertContext = {
    namespace: input.stackName,
    version: version.version,
    lookup: (name, at) => {
      input.trace?.variable(name, at);
      return Object.hasOwn(input.variables, name) ? input.variables[name] : undefined;
    },
    files,
    readFile: (path, at) => {
      const read = readStackFile(files, path);
      if (!('error' in read)) input.trace?.file(read.path, at);
      return read;
    },
    locate,
    isFloat,
    problems,
  };
  const defs = { networks: resolveNetworks(ctx, document), volumes: resolveVolumes(ctx, document), secrets: resolveSecrets(ctx, document), configs: resolveConfigs(ctx, document) };
  checkObjectNames('secret', defs.secrets, ctx);
  checkObjectNames('config', defs.configs, ctx);

  const serviceEntries = Object.entries(dict(document.services));
  if (serviceEntries.length === 0) problems.push(problemAt('error', has(document, 'services') ? ['services'] : [], msg('composeChecks.noServices'), locate));

  const services: TranslatedStack['services'] = [];
  const usedNetworks = new Set<string>();
  const usedSecrets = new Set<string>();
  const usedConfigs = new Set<string>();
  for (const [key, service] of serviceEntries) {
    const serviceDict = dict(service);
    const declared = Array.isArray(serviceDict.networks) ? serviceDict.networks.filter((n): n is string => typeof n === 'string') : Object.keys(dict(serviceDict.networks));
    for (const network of declared.length > 0 ? declared : ['default']) usedNetworks.add(network);
    for (const [section, used] of [['secrets', usedSecrets], ['configs', usedConfigs]] as const) {
      const list = Array.isArray(serviceDict[section]) ? (serviceDict[section] as unknown[]) : [];
      for (const entry of list) used.add(typeof entry === 'string' ? entry : String(dict(entry).source ?? ''));
    }
    const spec = convertService(ctx, key, serviceDict, defs);
    if (spec) services.push({ name: spec.Name, spec });
  }

  const networks: TranslatedStack['networks'] = [];
  const externalNetworks: string[] = [];
  for (const key of usedNetworks) {
    const definition = defs.networks.get(key);
    if (!definition && key !== 'default') continue; // reported by the service that names it
    const network: Definition = definition ?? { key, name: `${ctx.namespace}_${key}`, external: false, spec: Object.create(null) };
    if (network.external) {
      if (isUserDefinedNetwork(network.name)) externalNetworks.push(network.name);
      continue;
    }
    networks.push({ name: network.name, spec: networkCreate(ctx, network), external: false });
  }

  const secrets = secretSpecs(ctx, defs.secrets).map((spec) => ({ name: spec.Name, spec }));
  const configs = configSpecs(ctx, defs.configs).map((spec) => ({ name: spec.Name, spec }));
  const externalNames = (definitions: Map<string, Definition>, used: Set<string>) => sortedUnique([...used].map((key) => definitions.get(key)).filter((d): d is Definition => d !== undefined && d.external).map((d) => d.name));

  if (hasErrors(problems)) return { stack: null, problems };
  return {
    stack: {
      namespace: input.stackName,
      networks: networks.sort(byName),
      externalNetworks: sortedUnique(externalNetworks),
      volumes: [...defs.volumes.values()].map((v) => ({ name: v.name, external: v.external })).sort(byName),
      secrets: secrets.sort(byName),
      externalSecrets: externalNames(defs.secrets, usedSecrets),
      configs: configs.sort(byName),
      externalConfigs: externalNames(defs.configs, usedConfigs),
      services: services.sort(byName),
    },
    problems,
  };
}
