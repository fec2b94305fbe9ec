// The one translator of engine failures: whatever an engine call threw (an HTTP answer, a
// transport failure, a deadline) becomes an AppError whose code says what kind of failure it is
// and whose message names the host and what was being done, explained by the pure explainers
// (explain-connection-error.ts, explain-swarm-error.ts). Pure.
import 'server-only';
import { AppError, type ErrorCode } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import type { Transport } from '../../models/hosts/connection-spec.ts';
import { explainConnectionError } from './explain-connection-error.ts';
import { explainSwarmError, type SwarmProblem } from './explain-swarm-error.ts';

/** How an engine is reached: what connection failures are explained against. */
export type EngineAddress = { transport: Transport; address: string };

/** What a failed call was about. */
export type EngineCall = {
  /** What was being done, as it completes "Could not …": `msg('engineText.doing.removeContainer', { name })`
   * ("remove container web"). */
  doing: Doing;
  /** The registered host whose engine was asked. */
  host: string;
  where: EngineAddress | null;
  /** Present for swarm requests: the engine's swarm errors are then explained, naming these.
   * `through`: the host was asked as a manager of the swarm, not about itself. */
  swarm?: { node?: string; managerAddr?: string; through?: boolean };
};

/** What a call was doing: a message (`engineText.doing`, `guardText.doing`). */
export type Doing = Message;

/** The swarm has no leader because too few managers answer: changes, and soon most reads, are refused. */
export class SwarmNoQuorum extends AppError {
  constructor(message: Message, readonly via: string, options: { cause?: unknown } = {}) {
    super('PRECONDITION', message, options);
  }
}

const SWARM_CODES: Record<Exclude<SwarmProblem['code'], 'UNKNOWN'>, ErrorCode> = {
  ALREADY_IN_SWARM: 'CONFLICT',
  NOT_IN_SWARM: 'PRECONDITION',
  NOT_A_MANAGER: 'PRECONDITION',
  JOIN_TIMEOUT: 'ENGINE_ERROR',
  BAD_JOIN_TOKEN: 'ENGINE_ERROR',
  NO_QUORUM: 'PRECONDITION',
  LAST_MANAGER: 'PRECONDITION',
  NODE_NOT_DOWN: 'PRECONDITION',
  MANAGER_NOT_REMOVABLE: 'PRECONDITION',
  OUT_OF_SEQUENCE: 'CONFLICT',
  NOT_FOUND: 'NOT_FOUND',
};

type EngineErrorLike = { statusCode?: unknown; json?: { message?: unknown } | null; reason?: unknown; message?: unknown };

const asObject = (error: unknown): EngineErrorLike => (typeof error === 'object' && error !== null ? (error as EngineErrorLike) : {});

/** The HTTP status of an engine's answer; null when no answer came (a transport failure). */
function statusOf(error: unknown): number | null {
  const status = asObject(error).statusCode;
  return typeof status === 'number' && status >= 300 ? status : null;
}

/** The engine's own words for an HTTP error (it explains conflicts and missing objects well). */
export function engineMessage(error: unknown): string {
  const e = asObject(error);
  if (e.json && typeof e.json === 'object' && typeof e.json.message === 'string' && e.json.message) return e.json.message.slice(0, 300);
  // Some answers (pulls) carry no JSON body: docker-modem puts the engine's text after the reason.
  const fromMessage = typeof e.message === 'string' ? /\(HTTP code \d+\)[^-]*- ([\s\S]+)$/.exec(e.message)?.[1]?.trim() : undefined;
  return (fromMessage || (typeof e.reason === 'string' ? e.reason : '')).slice(0, 300);
}

/** Why an engine could not be talked to, in one sentence, in no language yet (an AppError's own
 * message, or the thrown text, as it is). */
export function failureSaid(error: unknown, where: EngineAddress | null): Message | string {
  if (where) return explainConnectionError(error, where).said;
  if (error instanceof AppError && error.said) return error.said;
  const message = asObject(error).message;
  return typeof message === 'string' && message ? message : String(error);
}

/** A connection that could not be made while testing or registering an engine: the sentence
 * alone, and the form field it concerns. */
export function connectionFailure(error: unknown, where: EngineAddress): AppError {
  if (error instanceof AppError) return error;
  const problem = explainConnectionError(error, where);
  const field = issueText(problem.said.key, problem.said.values);
  return new AppError('ENGINE_UNREACHABLE', problem.said, { fieldErrors: problem.field ? { [problem.field]: [field] } : undefined, cause: error });
}

function swarmProblem(error: unknown, call: EngineCall): SwarmProblem | null {
  if (!call.swarm) return null;
  // Through a manager, "this engine" is the one the message already names.
  const problem = explainSwarmError(error, { host: call.swarm.through ? undefined : call.host, node: call.swarm.node, managerAddr: call.swarm.managerAddr });
  return problem.code === 'UNKNOWN' ? null : problem;
}

export function translateEngineError(error: unknown, call: EngineCall): AppError {
  if (error instanceof AppError) return error;
  const through = call.swarm?.through === true;
  const names = { doing: call.doing, host: call.host };
  const couldNot = (reason: Message | string) => msg(through ? 'engineText.failure.through' : 'engineText.failure.on', { ...names, reason });
  const status = statusOf(error);
  if (status === null) return new AppError('ENGINE_UNREACHABLE', couldNot(failureSaid(error, call.where)), { cause: error });
  const problem = swarmProblem(error, call);
  if (problem?.code === 'NO_QUORUM') return new SwarmNoQuorum(couldNot(problem.said), call.host, { cause: error });
  if (problem) return new AppError(SWARM_CODES[problem.code as keyof typeof SWARM_CODES], couldNot(problem.said), { cause: error });
  // The engine's words end a sentence of ours: without their own full stop.
  const words = engineMessage(error).replace(/\.$/, '');
  const engineSaid = msg(through ? 'engineText.failure.wordsThrough' : 'engineText.failure.wordsOn', { ...names, words });
  if (status === 404) return new AppError('NOT_FOUND', words ? engineSaid : msg(through ? 'engineText.failure.goneThrough' : 'engineText.failure.goneOn', names), { cause: error });
  if (status === 409) return new AppError('CONFLICT', words ? engineSaid : msg(through ? 'engineText.failure.conflictThrough' : 'engineText.failure.conflictOn', names), { cause: error });
  return new AppError('ENGINE_ERROR', msg('engineText.failure.refused', { ...names, words: words || `HTTP ${status}` }), { cause: error });
}
