// Paths and names shared by the stack views. Pure.

/** A stack name as the schema wants it, for checking a file before the user has named the stack. */
export const nameForCheck = (name: string) => (/^[a-z0-9][a-z0-9_-]*$/.test(name.trim()) ? name.trim() : 'stack');

export const stackPath = (swarmId: string, stackName: string) => `/stacks/${encodeURIComponent(swarmId)}/${encodeURIComponent(stackName)}`;
