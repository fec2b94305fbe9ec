// The label the docker CLI puts on everything a stack creates; Wharf uses the same one, so stacks
// deployed by either are the same stacks.
import 'server-only';
export const NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const namespaceFilter = (stack: string) => `${NAMESPACE_LABEL}=${stack}`;
