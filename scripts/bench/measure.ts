// Timing and memory helpers for npm run bench.
import os from "node:os";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** A full garbage collection, so memory baselines are comparable (gc is not exposed under tsx by default). */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    return () => gc();
  } catch {
    return () => {};
  }
})();

export type MemorySample = { peakRss: number; peakHeapUsed: number; baseRss: number; baseHeapUsed: number };

/** Samples process.memoryUsage() every few milliseconds while work runs. */
export async function withMemorySampling<T>(work: () => Promise<T>, everyMs = 5): Promise<{ result: T; memory: MemorySample }> {
  collectGarbage();
  const base = process.memoryUsage();
  const memory: MemorySample = { peakRss: base.rss, peakHeapUsed: base.heapUsed, baseRss: base.rss, baseHeapUsed: base.heapUsed };
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > memory.peakRss) memory.peakRss = now.rss;
    if (now.heapUsed > memory.peakHeapUsed) memory.peakHeapUsed = now.heapUsed;
  };
  const timer = setInterval(sample, everyMs);
  try {
    const result = await work();
    sample();
    return { result, memory };
  } finally {
    clearInterval(timer);
  }
}

export const MB = 1024 * 1024;

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** A plain-text table with right-aligned numbers. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === "number" || /^[\d.,-]+$/.test(String(r[i]))));
  const line = (r: string[]) => "| " + r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (numeric[i] ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|";
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

export type Timed<Input> = { times: number[]; p50: number; p95: number; max: number; slowest: Input; coldMax: number };

/**
 * Runs every input in turn, timing each from the caller. Not counted: the first `warmup` runs, and the
 * first run of each distinct input, which reads its pages from disk into the cache (a word's matches,
 * a buyer's notices): the figures are a warm server's. The slowest of those first runs is `coldMax`.
 */
export async function timeRuns<Input>(inputs: Input[], warmup: number, run: (input: Input) => Promise<unknown>): Promise<Timed<Input>> {
  const key = (input: Input) => JSON.stringify(input);
  const seen = new Set<string>();
  let coldMax = 0;
  for (const input of inputs.slice(0, warmup)) {
    seen.add(key(input));
    await run(input);
  }
  for (const input of inputs) {
    if (seen.has(key(input))) continue;
    seen.add(key(input));
    const t0 = performance.now();
    await run(input);
    coldMax = Math.max(coldMax, performance.now() - t0);
  }
  const times: number[] = [];
  let slowest: { ms: number; input: Input } = { ms: -1, input: inputs[0] as Input };
  for (const input of inputs.slice(warmup)) {
    const t0 = performance.now();
    await run(input);
    const elapsed = performance.now() - t0;
    times.push(elapsed);
    if (elapsed > slowest.ms) slowest = { ms: elapsed, input };
  }
  return { times, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), slowest: slowest.input, coldMax };
}
