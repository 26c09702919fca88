// Who is at the other end of the connection. X-Forwarded-For is written by whoever sends the request,
// so it is believed only as far as the operator says proxies of theirs stand in front of the app.

/** Set by scripts/peer-address.mjs (loaded into `next start` / `next dev`) from the TCP socket, over any client value. */
export const PEER_ADDRESS_HEADER = "x-atlas-peer-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | null {
  return headers instanceof Headers ? headers.get(name) : ([] as string[]).concat(headers[name] ?? []).join(",") || null;
}

/** TRUST_PROXY_HOPS: how many proxies of the operator's own append to X-Forwarded-For; 0 or unset trusts none. */
export function trustedProxyHops(): number {
  const value = process.env.TRUST_PROXY_HOPS?.trim();
  if (!value) return 0;
  if (!/^\d+$/.test(value)) throw new Error(`TRUST_PROXY_HOPS must be a whole number of proxies (got "${value}").`);
  return Number(value);
}

/**
 * With N trusted hops, the client is the Nth address from the right of X-Forwarded-For (each proxy
 * appends the address it was connected from; anything to the left of that may be forged). Otherwise
 * the socket address, or "unknown" where this context has none: never the client's own claim.
 */
export function clientIp(headers: HeaderSource): string {
  const hops = trustedProxyHops();
  if (hops > 0) {
    const chain = (header(headers, "x-forwarded-for") ?? "").split(",").map((hop) => hop.trim()).filter(Boolean);
    // Fewer entries than hops: the request skipped a proxy, so the leftmost is the address the first one saw
    return chain[Math.max(0, chain.length - hops)] ?? "unknown";
  }
  return header(headers, PEER_ADDRESS_HEADER)?.trim() || "unknown";
}

/** Per-address limits only mean something for a real address: "unknown" is everyone at once. */
export function isKnownIp(ip: string): boolean {
  return ip !== "unknown";
}
