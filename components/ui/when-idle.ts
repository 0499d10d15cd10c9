// For code fetched ahead of its first use (a dialog, the live log view): once the browser is
// idle after the page loaded, so it never competes with the page becoming interactive.

/** Runs `task` when the browser is next idle; returns what cancels it (an effect's clean-up). */
export function whenIdle(task: () => void): () => void {
  if (window.requestIdleCallback) {
    const id = window.requestIdleCallback(task);
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(task, 200);
  return () => window.clearTimeout(id);
}
