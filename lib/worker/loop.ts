// A background loop for the worker: runs `task` now and then every `intervalMs`, measured
// from the start of one run to the start of the next. A run that takes longer than the
// interval delays the next one; two runs never overlap.

export interface Loop {
  /** Stops scheduling and resolves once the run in progress (if any) has finished. */
  stop(): Promise<void>;
}

export function startLoop(name: string, intervalMs: number, task: () => Promise<void>): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = () => {
    const started = Date.now();
    running = task()
      .catch((error: unknown) => {
        console.error(`[${name}] run failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(run, Math.max(0, intervalMs - (Date.now() - started)));
      });
  };
  run();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
