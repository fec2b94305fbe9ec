// Ids made in code when a row's id is needed before it is inserted (e.g. to bind a sealed secret to it).
import 'server-only';
import { randomBytes } from 'node:crypto';

export const newId = (): string => `h${randomBytes(12).toString('hex')}`;
