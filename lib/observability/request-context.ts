import { AsyncLocalStorage } from "node:async_hooks";

// The request a piece of code runs for. The portal's server (server.mjs, not bundled by
// Next) starts each request inside this store and lib code (bundled by Next) reads it, so
// the one instance lives on globalThis under a Symbol.for key that both can reach.

export interface RequestContext {
  requestId: string;
}

const KEY = Symbol.for("canopy.requestContext");
const slot = globalThis as Record<symbol, unknown>;

export const requestContext = (slot[KEY] ??=
  new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

/** The id of the request being served, when there is one (never in the worker). */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
