// One load run with autocannon: every connection sends the same request (with its own headers when
// `headersFor` is given) for `seconds`; the latency of every response is kept so p95 is exact
// (autocannon's own histogram gives p50, p97.5 and p99 but no p95).
import autocannon from "autocannon";
import { percentile } from "../bench/measure";

export type LoadCase = {
  path: string;
  headers: Record<string, string>;
  /** Headers per connection (connection index from 0), e.g. a token per team for the export */
  headersFor?: (connection: number) => Record<string, string>;
};

export type LoadResult = {
  connections: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses per second, any status */
  rps: number;
  /** 2xx responses per second */
  okRps: number;
  /** Non-2xx responses by status, e.g. { 429: 12 } */
  statuses: Record<string, number>;
  /** Connection errors and timeouts: requests that got no response at all */
  errors: number;
};

// autocannon 9 takes several URLs and shares connections out among them round-robin (its README);
// @types/autocannon, at 7.12, still types `url` as one string
const targets = (urls: string[], path: string) => urls.map((u) => `${u}${path}`) as unknown as string;

export async function runLoad(urls: string[], c: LoadCase, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let connection = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: targets(urls, c.path),
        connections,
        duration: seconds,
        headers: c.headers,
        timeout: 30,
        setupClient: c.headersFor ? (client) => client.setHeaders({ ...c.headers, ...c.headersFor!(connection++) }) : undefined,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const statuses: Record<string, number> = {};
  let ok = 0;
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {}) as [string, { count: number }][]) {
    if (status.startsWith("2")) ok += Number(count);
    else statuses[status] = Number(count);
  }
  const measure = (p: number) => (latencies.length ? percentile(latencies, p) : NaN);
  return { connections, p50: measure(50), p95: measure(95), p99: measure(99), rps: latencies.length / result.duration, okRps: ok / result.duration, statuses, errors: result.errors };
}

/** A few requests before a measured run, so route compilation and first plans are not in the figures. */
export async function warmUp(urls: string[], c: LoadCase, perUrl = 20) {
  await autocannon({ url: targets(urls, c.path), connections: 2, amount: perUrl * urls.length, headers: c.headersFor ? { ...c.headers, ...c.headersFor(0) } : c.headers, timeout: 30 });
}
