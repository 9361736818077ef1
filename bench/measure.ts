// Timing, CPU, peak memory and bounded waiting: every wait in the bench ends, one way or the other.
import { readFileSync } from "node:fs";

export interface Measured<T> {
  value: T;
  wallMs: number;
  /** User + system CPU of this process while `body` ran. */
  cpuMs: number;
}

export async function measure<T>(body: () => Promise<T> | T): Promise<Measured<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await body();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** `promise`, or a rejection naming `what` once `ms` have passed; the timer never keeps the process up. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once `check` holds, polling every turn of the event loop; rejects after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`${what}: still waiting after ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * This process's peak RSS, in MB. On Linux, resourceUsage().maxRSS starts from the parent's RSS at fork and
 * keeps it across exec: a child of the bench, whose fake API holds every uploaded batch, would report the
 * bench's size (600 MB held by a parent read as a 622 MB peak in a 42 MB child). /proc's VmHWM is this
 * process image's own.
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb !== undefined) return Number(kb) / 1024;
  } catch {
    // Not Linux: no /proc, and no inheritance of the parent's figure to avoid either.
  }
  return process.resourceUsage().maxRSS / 1024;
}
