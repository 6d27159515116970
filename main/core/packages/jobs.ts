// Packages being written, by the job id their caller gave, so that packages.cancel can stop one.
const running = new Map<string, AbortController>();

/** Registers a job; the returned signal aborts when it is cancelled. `release` forgets it when the work ends. */
export function startJob(job: string | undefined): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  if (job === undefined) return { signal: controller.signal, release: () => undefined };
  running.get(job)?.abort();
  running.set(job, controller);
  return {
    signal: controller.signal,
    release: () => {
      if (running.get(job) === controller) running.delete(job);
    },
  };
}

/** Cancels the job; false when no such job is running (it finished, or never started). */
export function cancelJob(job: string): boolean {
  const controller = running.get(job);
  if (controller === undefined) return false;
  controller.abort();
  running.delete(job);
  return true;
}
