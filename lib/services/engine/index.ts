// The engine gateway: the one way services reach Docker engines. A host's engine through
// hostEngine(), a swarm through one of its managers with callManager(); both hand out the same
// typed facade (EngineApi) bound to a deadline, and turn every failure into an AppError that
// names the host and what was being done. Nothing outside this folder imports dockerode.
import 'server-only';
export type { EngineApi } from './engine-api.ts';
export type * from './engine-types.ts';
export { hostEngine, ENGINE_CALL_MS, type EngineCallOptions, type HostEngine } from './host-engine.ts';
export { callManager, quorumFromNodes, HEDGE_AFTER_MS, READ_BUDGET_MS, WRITE_DEADLINE_MS, type Manager, type ManagerCall } from './call-manager.ts';
export { engineMessage, failureSaid, SwarmNoQuorum, type EngineAddress } from './translate-engine-error.ts';
export { engineAnswers, pingEngine, probeEngine, readEngineFacts, readFactsUpdate, PROBE_TIMEOUT_MS, type ProbeResult } from './probe-engine.ts';
export { withDeadline } from './with-deadline.ts';
