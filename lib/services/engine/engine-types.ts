// The engine's own JSON, as the gateway answers it: the fields Wharf reads are typed, the rest is
// kept as it came (Json). Mappers to what the console shows live with the services and models.
import 'server-only';

export type Json = Record<string, unknown>;
/** A list filter as the engine takes it: {"label": ["a=b"], "desired-state": ["running"]}. */
export type Filters = Record<string, string[]>;
type Labels = Record<string, string>;
type Versioned = { Version: { Index: number } };

// System

export type SystemInfo = Json & {
  ID?: string;
  Name?: string;
  ServerVersion?: string;
  Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean; RemoteManagers?: { NodeID?: string; Addr?: string }[] | null; Managers?: number; Nodes?: number; Cluster?: { ID?: string } | null };
};
export type SystemVersion = Json & { Version?: string; ApiVersion?: string; Os?: string; Arch?: string; KernelVersion?: string };

// Containers

export type ContainerSummary = Json & {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  State?: string;
  Labels?: Labels | null;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string }[] | null;
};
export type ContainerInspect = Json & {
  Id: string;
  Name: string;
  Created?: string;
  State?: { Status?: string; Running?: boolean; Paused?: boolean; ExitCode?: number; StartedAt?: string; Health?: { Status?: string; Log?: { Output?: string; ExitCode?: number }[] | null } | null };
  Config?: Json & { Tty?: boolean; Env?: string[] | null };
};
export type ContainerTop = { Titles?: string[]; Processes?: string[][] };
/** One /containers/{id}/stats document (the stats math reads it). */
export type ContainerStats = Json & { read?: string; preread?: string };
/** The verbs that change a container's state, each its own endpoint. */
export type ContainerVerb = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause';

export type ExecCreate = {
  Cmd: string[];
  Tty?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Env?: string[];
  User?: string;
  WorkingDir?: string;
};
export type ExecInspect = Json & { Running?: boolean; ExitCode?: number | null };

/** The query of /containers/{id}/logs and /services/{id}/logs. */
export type LogRequest = { follow: boolean; stdout: boolean; stderr: boolean; timestamps: boolean; since?: string; until?: string; tail: string; details?: boolean };

// Images, volumes, networks

export type ImageSummary = Json & { Id: string; RepoTags?: string[] | null; RepoDigests?: string[] | null; Created?: number; Size?: number };
export type Volume = Json & { Name: string; Driver?: string; CreatedAt?: string; Labels?: Labels | null; Options?: Labels | null };
export type Network = Json & {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Attachable?: boolean;
  Internal?: boolean;
  Labels?: Labels | null;
  Options?: Labels | null;
  IPAM?: { Driver?: string; Config?: { Subnet?: string }[] | null } | null;
};

// Swarm

export type SwarmInspect = Json & Versioned & { ID: string; Spec: Json; JoinTokens: { Worker: string; Manager: string } };
/** Which secrets a swarm update rotates. */
export type SwarmRotation = { worker?: boolean; manager?: boolean; unlockKey?: boolean };
export type SwarmNode = Json &
  Versioned & {
    ID: string;
    Spec: Json & { Role?: string; Availability?: string; Labels?: Labels };
    Description?: { Hostname?: string };
    Status?: { State?: string; Addr?: string };
    ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
  };
export type SwarmTask = Json & { ID: string; ServiceID: string; NodeID?: string };
/** What services, secrets and configs share: an id, a version to update against, a named spec. */
export type SwarmObject = Json & Versioned & { ID: string; Spec: Json & { Name: string; Labels?: Labels }; CreatedAt?: string; UpdatedAt?: string };
export type SwarmService = SwarmObject & { PreviousSpec?: Json; UpdateStatus?: { State?: string }; ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number } };
export type SwarmSecret = SwarmObject;
export type SwarmConfig = SwarmObject & { Spec: { Data?: string } };

/** Registry credentials as the engine takes them in X-Registry-Auth (lib/models/registries/engine-auth.ts). */
export type RegistryAuth = { username: string; password: string; serveraddress: string };
