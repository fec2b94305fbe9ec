// What a history chart asks for: the range (`?range=hour|day`, the last hour when absent).
import { z } from 'zod';
import { parseInput } from './parse-input.ts';

export const historyRangeSchema = z.object({ range: z.enum(['hour', 'day']).default('hour') });

/** The range a history route was asked for; anything else is INVALID_INPUT, said in the user's language. */
export const historyRangeOf = (url: URL) => parseInput(historyRangeSchema, { range: url.searchParams.get('range') ?? undefined }).range;
