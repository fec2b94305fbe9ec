// The Engine API request bodies a compose translation produces, shaped exactly as the docker CLI
// sends them (field names, and which empty fields it still sends), so a spec made here and one
// made by `docker stack deploy` compare equal. Plain JSON: the engine gateway sends them as request bodies.
import 'server-only';

export type Labels = Record<string, string>;

/** Durations are nanoseconds, as the engine counts them. */
export type Nanoseconds = number;

export type Driver = { Name: string; Options?: Record<string, string> };

/** POST /networks/create. The CLI sends every field below, nulls included. */
export type NetworkCreate = {
  Name: string;
  Driver: string;
  Scope: string;
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: { Subnet: string }[] | null } | null;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigOnly: boolean;
  ConfigFrom: { Network: string } | null;
  Options: Record<string, string> | null;
  Labels: Labels;
};

/** POST /secrets/create. Data is base64; absent when a secret driver provides the value. */
export type SecretSpec = { Name: string; Labels: Labels; Data?: string; Driver?: Driver; Templating?: Driver };

/** POST /configs/create. */
export type ConfigSpec = { Name: string; Labels: Labels; Data?: string; Templating?: Driver };

export type FileTarget = { Name: string; UID: string; GID: string; Mode: number };

/**
 * The CLI looks each secret up by name and sends its ID too. A translation cannot know IDs: the
 * deployer fills SecretID in after creating (or finding) the secret called SecretName.
 */
export type SecretReference = { File: FileTarget; SecretName: string; SecretID?: string };
export type ConfigReference = { File: FileTarget; ConfigName: string; ConfigID?: string };

export type Mount = {
  Type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Labels; Subpath?: string; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number };
  ClusterOptions?: Record<string, never>;
};

export type HealthConfig = {
  Test?: string[];
  Interval?: Nanoseconds;
  Timeout?: Nanoseconds;
  StartPeriod?: Nanoseconds;
  StartInterval?: Nanoseconds;
  Retries?: number;
};

export type Ulimit = { Name: string; Hard: number; Soft: number };

export type CredentialSpec = { Config: string; File: string; Registry: string };

/** The CLI always sends Privileges, with these three fields even when empty. */
export type Privileges = { CredentialSpec: CredentialSpec | null; SELinuxContext: null; NoNewPrivileges: boolean };

export type ContainerSpec = {
  Image: string;
  Labels: Labels;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  Privileges: Privileges;
  Init?: boolean;
  StopSignal?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: Mount[];
  StopGracePeriod?: Nanoseconds;
  Healthcheck?: HealthConfig;
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[]; Search?: string[] };
  Secrets?: SecretReference[];
  Configs?: ConfigReference[];
  Isolation?: string;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Ulimits?: Ulimit[];
};

export type ResourceLimits = { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
export type GenericResource = { DiscreteResourceSpec?: { Kind: string; Value: number } };
export type ResourceReservations = { NanoCPUs?: number; MemoryBytes?: number; GenericResources?: GenericResource[] };

export type RestartPolicy = { Condition?: 'none' | 'on-failure' | 'any'; Delay?: Nanoseconds; MaxAttempts?: number; Window?: Nanoseconds };

export type PlacementPreference = { Spread: { SpreadDescriptor: string } };

export type NetworkAttachment = { Target: string; Aliases?: string[]; DriverOpts?: Record<string, string> };

export type TaskSpec = {
  ContainerSpec: ContainerSpec;
  Resources: { Limits?: ResourceLimits; Reservations?: ResourceReservations };
  RestartPolicy?: RestartPolicy;
  Placement: { Constraints?: string[]; Preferences?: PlacementPreference[]; MaxReplicas?: number };
  Networks?: NetworkAttachment[];
  LogDriver?: { Name?: string; Options?: Record<string, string> };
  ForceUpdate: number;
};

export type ServiceMode =
  | { Replicated: { Replicas?: number } }
  | { Global: Record<string, never> }
  | { ReplicatedJob: { MaxConcurrent?: number; TotalCompletions?: number } }
  | { GlobalJob: Record<string, never> };

/** UpdateConfig and RollbackConfig: Parallelism, MaxFailureRatio and Order are always sent. */
export type UpdateConfig = {
  Parallelism: number;
  Delay?: Nanoseconds;
  FailureAction?: string;
  Monitor?: Nanoseconds;
  MaxFailureRatio: number;
  Order: string;
};

export type PortConfig = { Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string };

export type EndpointSpec = { Mode?: string; Ports?: PortConfig[] };

/** POST /services/create. */
export type ServiceSpec = {
  Name: string;
  Labels: Labels;
  TaskTemplate: TaskSpec;
  Mode: ServiceMode;
  UpdateConfig?: UpdateConfig;
  RollbackConfig?: UpdateConfig;
  EndpointSpec: EndpointSpec;
};
