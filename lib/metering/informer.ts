import * as k8s from "@kubernetes/client-node";
import { hasStatus } from "@/lib/kube/status";
import { informerRelists } from "@/lib/metering/metering-metrics";
import { componentLogger } from "@/lib/observability/logger";

// A list-then-watch cache of one kind of object, like client-node's informer but with what
// a meter needs from it (client-node 1.4's ListWatch lists in one unpaginated request, asks
// for no bookmarks, sets no watch timeout, stops for good on any error, and can stall
// silently; its restart path also races with the abort of the previous request):
// - the initial list and every relist are paginated (limit/continue);
// - watches ask for bookmarks and a server-side timeout, so a healthy watch ends and resumes
//   from its resourceVersion every few minutes;
// - a watchdog aborts a watch that has been silent for longer than that timeout allows;
// - 410 Gone (resourceVersion too old) relists; any other error retries with backoff;
// - an optional transform keeps only what the consumer reads of each object (memory);
// - `healthy()` says whether the cache is listed and its watch connected, so that a meter
//   never advances on a stale view;
// - onUpsert/onDelete report every change to the cache, also those a relist finds (the
//   reconciler's informers, lib/tenancy/managed-cache.ts, queue a workspace from them).

const informerLog = componentLogger("informer");

export interface ListPage<T> {
  items: T[];
  metadata?: { resourceVersion?: string; _continue?: string };
}

export interface InformerOptions<T extends k8s.KubernetesObject> {
  name: string;
  kubeConfig: k8s.KubeConfig;
  /** The watch path, e.g. /api/v1/pods. */
  path: string;
  labelSelector?: string;
  list: (page: { limit: number; _continue?: string; labelSelector?: string }) => Promise<ListPage<T>>;
  /** What the cache keeps of each object (default: all of it); what it leaves out is never seen again. */
  transform?: (object: T) => T;
  /** Called for every object that leaves the cache (deleted, or gone at a relist). */
  onDelete?: (object: T, observedAt: Date) => void;
  /** Called for every object put in the cache (added or changed, or listed) with the one it replaces. */
  onUpsert?: (object: T, previous: T | undefined) => void;
  /** Watch events carry API JSON; this turns it into what the list gives (client-node's models). */
  decode?: (raw: T) => T;
  pageSize?: number;
  watchTimeoutSeconds?: number;
  log?: (message: string) => void;
}

class Gone extends Error {}

function keyOf(object: k8s.KubernetesObject): string {
  return `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

export class Informer<T extends k8s.KubernetesObject> {
  private readonly options: Required<Omit<InformerOptions<T>, "labelSelector" | "onDelete" | "onUpsert">> &
    Pick<InformerOptions<T>, "labelSelector" | "onDelete" | "onUpsert">;
  private readonly watch: k8s.Watch;
  private objects = new Map<string, T>();
  private resourceVersion = "";
  private stopped = true;
  private listed = false;
  private connected = false;
  private lastActivity = Date.now();
  private current?: { abort: () => void };
  private watchdog?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private wake?: () => void;
  private syncedWaiters: (() => void)[] = [];
  private restartNow = false;
  /** Restarts after a silent watch, for tests and logs. */
  restarts = 0;
  /** Full lists (the first one and every relist), for tests and the metering benchmark. */
  lists = 0;

  constructor(options: InformerOptions<T>) {
    this.options = {
      ...options,
      transform: options.transform ?? ((object) => object),
      decode: options.decode ?? ((object) => object),
      pageSize: options.pageSize ?? 500,
      watchTimeoutSeconds: options.watchTimeoutSeconds ?? 300,
      log: options.log ?? ((message) => informerLog.info(message)),
    };
    this.watch = new k8s.Watch(options.kubeConfig);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastActivity = Date.now();
    this.loop = this.run();
    this.watchdog = setInterval(() => this.checkWatch(), Math.min(this.silenceLimitMs(), 30_000));
    this.watchdog.unref();
  }

  private silenceLimitMs(): number {
    // The server ends every watch after watchTimeoutSeconds and sends bookmarks meanwhile,
    // so a watch silent for longer than that (plus slack) is stalled.
    return (this.options.watchTimeoutSeconds + 60) * 1000;
  }

  /** The watchdog: aborts a watch silent for too long; the run loop resumes it. */
  checkWatch(now = Date.now()): boolean {
    if (!this.connected || now - this.lastActivity <= this.silenceLimitMs()) return false;
    this.restarts++;
    this.options.log(`[informer ${this.options.name}] watch silent for too long; restarting it`);
    this.restartNow = true;
    this.current?.abort();
    return true;
  }

  /**
   * Resumes the watch from `resourceVersion` (for tests: an expired one makes the API
   * server answer 410 Gone, as it does after a long disconnection).
   */
  resumeFrom(resourceVersion: string): void {
    this.resourceVersion = resourceVersion;
    if (this.stopped) return;
    this.restartNow = true;
    this.current?.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    this.current?.abort();
    this.wake?.();
    await this.loop;
  }

  /** Resolves once the first list has completed. */
  synced(): Promise<void> {
    if (this.listed) return Promise.resolve();
    return new Promise((resolve) => this.syncedWaiters.push(resolve));
  }

  /** Listed, and the watch connected (or between two watches of a healthy sequence). */
  healthy(): boolean {
    return this.listed && this.connected;
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  get(namespace: string, name: string): T | undefined {
    return this.objects.get(`${namespace}/${name}`);
  }

  private async run(): Promise<void> {
    let backoff = 500;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        await this.watchOnce();
        backoff = 500;
      } catch (error) {
        this.connected = false;
        if (this.stopped) break;
        if (error instanceof Gone || hasStatus(error, 410)) {
          this.resourceVersion = "";
          continue;
        }
        if (this.restartNow) {
          // The watchdog's restart: resume from the last resourceVersion at once.
          this.restartNow = false;
          continue;
        }
        this.options.log(
          `[informer ${this.options.name}] ${error instanceof Error ? error.message : String(error)}; retrying in ${backoff}ms`,
        );
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, backoff).unref();
        });
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    this.connected = false;
  }

  private async relist(): Promise<void> {
    const items: T[] = [];
    let cont: string | undefined;
    let resourceVersion = "";
    do {
      const page = await this.options.list({
        limit: this.options.pageSize,
        _continue: cont,
        labelSelector: this.options.labelSelector,
      });
      for (const item of page.items) items.push(this.options.transform(item));
      cont = page.metadata?._continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? "";
    } while (cont && !this.stopped);
    const next = new Map(items.map((item) => [keyOf(item), item] as const));
    const now = new Date();
    for (const [key, old] of this.objects) {
      if (!next.has(key)) this.options.onDelete?.(old, now);
    }
    for (const [key, item] of next) this.options.onUpsert?.(item, this.objects.get(key));
    this.objects = next;
    this.resourceVersion = resourceVersion;
    if (this.lists > 0) informerRelists.inc({ informer: this.options.name });
    this.lists++;
    this.lastActivity = Date.now();
    if (!this.listed) {
      this.listed = true;
      for (const resolve of this.syncedWaiters.splice(0)) resolve();
    }
  }

  private watchOnce(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let finished = false;
      let controller: AbortController | undefined;
      const finish = (error: unknown) => {
        if (finished) return;
        finished = true;
        this.connected = false;
        controller?.abort();
        if (error) reject(error);
        else resolve();
      };
      this.current = { abort: () => finish(new Error("watch aborted")) };
      const query: Record<string, string | number | boolean> = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.options.watchTimeoutSeconds,
      };
      if (this.options.labelSelector) query.labelSelector = this.options.labelSelector;
      this.watch
        .watch(
          this.options.path,
          query,
          (type: string, object: T & { code?: number }) => {
            if (finished) return;
            this.lastActivity = Date.now();
            this.connected = true;
            switch (type) {
              case "ADDED":
              case "MODIFIED": {
                const key = keyOf(object);
                const item = this.options.transform(this.options.decode(object));
                const previous = this.objects.get(key);
                this.objects.set(key, item);
                this.options.onUpsert?.(item, previous);
                break;
              }
              case "DELETED": {
                const key = keyOf(object);
                this.objects.delete(key);
                this.options.onDelete?.(this.options.transform(this.options.decode(object)), new Date());
                break;
              }
              case "ERROR":
                finish(
                  object.code === 410 ? new Gone("resourceVersion expired") : new Error(`watch error ${object.code}`),
                );
                return;
            }
            const rv = object.metadata?.resourceVersion;
            if (rv) this.resourceVersion = rv;
          },
          (error: unknown) => finish(error ?? null),
        )
        .then((c) => {
          controller = c;
          if (finished) c.abort();
          else {
            // The request is open: the server answered 200 and streams from here.
            this.connected = true;
            this.lastActivity = Date.now();
          }
        }, finish);
    });
  }
}
