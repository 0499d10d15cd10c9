import * as k8s from "@kubernetes/client-node";

// The Lease a leader election is held on (coordination.k8s.io/v1), read and written with
// optimistic concurrency: a write carries the resourceVersion it read, so of two replicas
// writing after the same read exactly one succeeds and the other gets 409 Conflict.

export interface LeaseRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: Date;
  renewTime: Date;
  leaseTransitions: number;
}

export interface ObservedLease {
  record: LeaseRecord;
  resourceVersion: string;
}

export interface LeaseLockOptions {
  kubeConfig: k8s.KubeConfig;
  namespace: string;
  name: string;
  /** Each request is abandoned after this long, so that a hung call cannot outlive a deadline. */
  requestTimeoutMs: number;
}

/** A status code from the API server's error, if any. */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

function toRecord(lease: k8s.V1Lease): LeaseRecord {
  const spec = lease.spec ?? {};
  const epoch = new Date(0);
  return {
    holderIdentity: spec.holderIdentity ?? "",
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ? new Date(spec.acquireTime) : epoch,
    renewTime: spec.renewTime ? new Date(spec.renewTime) : epoch,
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}

/**
 * A MicroTime as the API server parses it (RFC 3339 with exactly six fractional digits).
 * client-node 1.4 passes V1MicroTime values through unserialised, and a Date's JSON has three.
 */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

function toSpec(record: LeaseRecord): k8s.V1LeaseSpec {
  return {
    holderIdentity: record.holderIdentity || undefined,
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: microTime(record.acquireTime),
    renewTime: microTime(record.renewTime),
    leaseTransitions: record.leaseTransitions,
  } as unknown as k8s.V1LeaseSpec;
}

export class LeaseLock {
  private readonly api: k8s.CoordinationV1Api;

  constructor(private readonly options: LeaseLockOptions) {
    this.api = options.kubeConfig.makeApiClient(k8s.CoordinationV1Api);
  }

  describe(): string {
    return `${this.options.namespace}/${this.options.name}`;
  }

  /** The Lease as it is now, or undefined when there is none. */
  async get(): Promise<ObservedLease | undefined> {
    try {
      const lease = await this.call("get", () =>
        this.api.readNamespacedLease({ name: this.options.name, namespace: this.options.namespace }),
      );
      return { record: toRecord(lease), resourceVersion: lease.metadata?.resourceVersion ?? "" };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** Creates the Lease; fails with 409 when another replica created it first. */
  async create(record: LeaseRecord): Promise<ObservedLease> {
    const lease = await this.call("create", () =>
      this.api.createNamespacedLease({
        namespace: this.options.namespace,
        body: { metadata: { name: this.options.name, namespace: this.options.namespace }, spec: toSpec(record) },
      }),
    );
    return { record: toRecord(lease), resourceVersion: lease.metadata?.resourceVersion ?? "" };
  }

  /** Replaces the Lease read at `resourceVersion`; fails with 409 when it changed since. */
  async update(record: LeaseRecord, resourceVersion: string): Promise<ObservedLease> {
    const lease = await this.call("update", () =>
      this.api.replaceNamespacedLease({
        name: this.options.name,
        namespace: this.options.namespace,
        body: {
          metadata: { name: this.options.name, namespace: this.options.namespace, resourceVersion },
          spec: toSpec(record),
        },
      }),
    );
    return { record: toRecord(lease), resourceVersion: lease.metadata?.resourceVersion ?? "" };
  }

  /**
   * Refusals that no retry will cure get a message naming what to fix: the missing permission
   * (RBAC: get, create and update on leases in the namespace) or the missing namespace.
   */
  private explain(verb: string, error: unknown): unknown {
    const where = `leases.coordination.k8s.io in namespace ${this.options.namespace}`;
    if (statusOf(error) === 403) {
      return Object.assign(new Error(`the worker may not ${verb} ${where} (it needs get, create and update)`), {
        code: 403,
      });
    }
    if (verb === "create" && statusOf(error) === 404) {
      return Object.assign(
        new Error(`namespace ${this.options.namespace} does not exist: create it or set CANOPY_SYSTEM_NAMESPACE`),
        { code: 404 },
      );
    }
    return error;
  }

  /** One request, abandoned after requestTimeoutMs, its refusal explained. */
  private async call<T>(verb: string, request: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`lease ${this.describe()}: no answer within ${this.options.requestTimeoutMs}ms`)),
        this.options.requestTimeoutMs,
      );
    });
    try {
      return await Promise.race([request(), timeout]);
    } catch (error) {
      throw this.explain(verb, error);
    } finally {
      clearTimeout(timer);
    }
  }
}
