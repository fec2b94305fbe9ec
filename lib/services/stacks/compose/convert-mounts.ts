// A service's `volumes:` (short or long syntax) to the mounts of its container spec, as the CLI's
// convert/volume.go makes them. One deliberate difference: a relative bind source ("./data", "~/x")
// is refused. The CLI resolves it against the folder the compose file sits in on the machine running
// the CLI, which is meaningless for a stack Wharf deploys (and rarely what a swarm node has). Pure.
import 'server-only';
import { parseShortVolume } from '@/lib/services/stacks/compose/volume-spec.ts';
import { dict, fail, has, isDict, labelsOf, stringRecord, text, warn, withStackLabel, type ConvertContext, type Dict } from '@/lib/services/stacks/compose/compose-values.ts';
import type { Definitions } from '@/lib/services/stacks/compose/convert-stack-objects.ts';
import type { PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import type { Mount } from '@/lib/services/stacks/compose/types.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';

/** One volume entry in the long syntax's terms, whichever syntax it was written in. */
type VolumeEntry = {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
  consistency: string;
  bind?: Dict;
  volume?: Dict;
  tmpfs?: Dict;
};

const isAbsoluteHostPath = (source: string) => source.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(source) || source.startsWith('\\\\');

function entryOf(ctx: ConvertContext, service: string, raw: unknown, path: readonly PathSegment[]): VolumeEntry | null {
  if (typeof raw === 'string') {
    const parsed = parseShortVolume(raw);
    if ('error' in parsed) {
      fail(ctx, path, msg('composeChecks.service.prefixed', { service, detail: parsed.error }));
      return null;
    }
    const v = parsed.volume;
    // The CLI reads "v:/data" as the Windows path "v:/data", not as volume v: say so.
    if (/^\p{L}:(?!\\)/u.test(raw)) {
      warn(ctx, path, msg('composeChecks.mounts.windowsDrive', { spec: raw, volume: raw[0] }));
    }
    const entry: VolumeEntry = { type: v.type, source: v.source ?? '', target: v.target, readOnly: v.readOnly === true, consistency: '' };
    if (v.propagation) entry.bind = { propagation: v.propagation };
    if (v.nocopy) entry.volume = { nocopy: true };
    return entry;
  }
  const long = dict(raw);
  const entry: VolumeEntry = { type: text(long.type), source: text(long.source), target: text(long.target), readOnly: long.read_only === true, consistency: text(long.consistency) };
  if (isDict(long.bind)) entry.bind = long.bind;
  if (isDict(long.volume)) entry.volume = long.volume;
  if (isDict(long.tmpfs)) entry.tmpfs = long.tmpfs;
  return entry;
}

/** Options that only fit one type of mount, refused on the others with the CLI's words. */
function incompatible(entry: VolumeEntry, type: string, allowed: ('bind' | 'volume' | 'tmpfs')[]): Message | null {
  for (const option of ['tmpfs', 'bind', 'volume'] as const) {
    if (entry[option] !== undefined && !allowed.includes(option)) return msg('composeChecks.mounts.incompatible', { option, type });
  }
  return null;
}

function convertOne(ctx: ConvertContext, service: string, entry: VolumeEntry, volumes: Definitions, path: readonly PathSegment[]): Mount | null {
  const type = entry.type === '' ? 'volume' : entry.type;
  const mount: Mount = { Type: type as Mount['Type'], Target: entry.target };
  if (entry.source !== '') mount.Source = entry.source;
  if (entry.readOnly) mount.ReadOnly = true;
  if (entry.consistency !== '') mount.Consistency = entry.consistency;
  const error = (detail: Message) => {
    fail(ctx, path, msg('composeChecks.service.prefixed', { service, detail }));
    return null;
  };

  switch (type) {
    case 'volume': {
      const bad = incompatible(entry, type, ['volume']);
      if (bad) return error(bad);
      if (entry.source === '') return mount; // an anonymous volume: no options, as with the CLI
      const definition = volumes.get(entry.source);
      if (!definition) return error(msg('composeChecks.mounts.undefinedVolume', { name: entry.source }));
      mount.Source = definition.name;
      const options: NonNullable<Mount['VolumeOptions']> = {};
      if (entry.volume?.nocopy === true) options.NoCopy = true;
      if (definition.external) {
        if (typeof entry.volume?.subpath === 'string' && entry.volume.subpath !== '') options.Subpath = entry.volume.subpath;
        mount.VolumeOptions = options;
        return mount;
      }
      options.Labels = withStackLabel(ctx, labelsOf(ctx, definition.spec.labels, ['volumes', definition.key, 'labels']));
      if (typeof entry.volume?.subpath === 'string' && entry.volume.subpath !== '') options.Subpath = entry.volume.subpath;
      const driver = text(definition.spec.driver);
      if (driver !== '' || has(definition.spec, 'driver_opts')) {
        const driverOptions = stringRecord(ctx, definition.spec.driver_opts, ['volumes', definition.key, 'driver_opts']);
        options.DriverConfig = {};
        if (driver !== '') options.DriverConfig.Name = driver;
        if (driverOptions && Object.keys(driverOptions).length > 0) options.DriverConfig.Options = driverOptions;
      }
      mount.VolumeOptions = options;
      return mount;
    }
    case 'bind': {
      if (entry.source === '') return error(msg('composeChecks.mounts.bindSourceEmpty'));
      if (!isAbsoluteHostPath(entry.source)) {
        return error(msg('composeChecks.mounts.bindRelative', { source: entry.source }));
      }
      const bad = incompatible(entry, type, ['bind']);
      if (bad) return error(bad);
      if (entry.bind) mount.BindOptions = typeof entry.bind.propagation === 'string' && entry.bind.propagation !== '' ? { Propagation: entry.bind.propagation } : {};
      return mount;
    }
    case 'tmpfs': {
      if (entry.source !== '') return error(msg('composeChecks.mounts.tmpfsSource'));
      const bad = incompatible(entry, type, ['tmpfs']);
      if (bad) return error(bad);
      if (entry.tmpfs) {
        const size = entry.tmpfs.size;
        mount.TmpfsOptions = typeof size === 'number' && size !== 0 ? { SizeBytes: size } : {};
      }
      return mount;
    }
    case 'npipe': {
      if (entry.source === '') return error(msg('composeChecks.mounts.npipeSource'));
      const bad = incompatible(entry, type, ['bind']);
      if (bad) return error(bad);
      if (entry.bind) mount.BindOptions = typeof entry.bind.propagation === 'string' && entry.bind.propagation !== '' ? { Propagation: entry.bind.propagation } : {};
      return mount;
    }
    case 'cluster': {
      if (entry.source === '') return error(msg('composeChecks.mounts.clusterSource'));
      const bad = incompatible(entry, type, []);
      if (bad) return error(bad);
      mount.ClusterOptions = {};
      // A volume group ("group:name") is not a stack volume: it is neither checked nor prefixed.
      if (!entry.source.startsWith('group:')) {
        const definition = volumes.get(entry.source);
        if (!definition) return error(msg('composeChecks.mounts.undefinedVolume', { name: entry.source }));
        mount.Source = definition.name;
      }
      return mount;
    }
    default:
      return error(msg('composeChecks.mounts.badType'));
  }
}

export function convertMounts(ctx: ConvertContext, service: string, value: unknown, volumes: Definitions, path: readonly PathSegment[]): Mount[] {
  if (!Array.isArray(value)) return [];
  const mounts: Mount[] = [];
  value.forEach((raw, index) => {
    const entry = entryOf(ctx, service, raw, [...path, index]);
    if (!entry) return;
    const mount = convertOne(ctx, service, entry, volumes, [...path, index]);
    if (mount) mounts.push(mount);
  });
  return mounts;
}
