// App instances for npm run bench:http (`next start` on the production build, with the peer-address
// preload as npm start runs it, straight on atlas_bench: `next start` neither migrates nor imports),
// and the checks that what one instance decides holds on another: a session, a sign-in throttle
// and the per-team export limit all live in PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import { findFreePort } from "../../lib/db/embedded";
import { SIGN_IN_MAX_FAILURES } from "../../lib/auth/throttle";
import { exportConcurrencyPerTeam } from "../../lib/db/pool";
import { nextBin, waitForHealth } from "../next-build";
import { withPeerAddress } from "../peer-address-env";
import { BENCH_PASSWORD, THROTTLE_EMAIL } from "./fixtures";

export type Instance = { url: string; process: ChildProcess };

export async function startInstance(env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await findFreePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], { env: withPeerAddress({ ...env, NEXTAUTH_URL: url }), stdio: ["ignore", "ignore", "inherit"] });
  await waitForHealth(url, 60_000);
  return { url, process: child };
}

export async function stopInstance(instance: Instance) {
  if (instance.process.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.process.once("exit", resolve));
  instance.process.kill("SIGTERM");
  await exited;
}

/** A POST to next-auth's credentials sign-in, as the sign-in form sends it. */
async function signIn(base: string, email: string, password: string): Promise<Response> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
}

export type Check = { name: string; held: boolean; detail: string };

/** Signed in on A (next-auth's own sign-in), the session cookie works on B. */
async function sessionAcross(a: string, b: string): Promise<Check> {
  const signedIn = await signIn(a, THROTTLE_EMAIL, BENCH_PASSWORD);
  const session = signedIn.headers.getSetCookie().find((c) => c.includes("session-token="))?.split(";")[0];
  if (!session) return { name: "session made on A works on B", held: false, detail: `sign-in on A answered ${signedIn.status} without a session cookie` };
  const me = await fetch(`${b}/api/v1/me`, { headers: { cookie: session } });
  const email = ((await me.json()) as { user?: { email?: string } }).user?.email;
  return { name: "session made on A works on B", held: me.status === 200 && email === THROTTLE_EMAIL, detail: `GET /api/v1/me on B: ${me.status}${email ? ` as ${email}` : ""}` };
}

/** SIGN_IN_MAX_FAILURES wrong passwords on A: the right one on B is refused (429) until the window passes. */
async function throttleAcross(a: string, b: string): Promise<Check> {
  const statuses: number[] = [];
  for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) statuses.push((await signIn(a, THROTTLE_EMAIL, "not the password at all")).status);
  const onB = await signIn(b, THROTTLE_EMAIL, BENCH_PASSWORD);
  return { name: `sign-in throttle counted on A applies on B`, held: onB.status === 429, detail: `${SIGN_IN_MAX_FAILURES} failures on A (${[...new Set(statuses)].join("/")}), then the right password on B: ${onB.status}` };
}

/** The team's export slots taken on A (downloads left unread) leave none on B; freed, B exports again. */
async function exportLimitAcross(a: string, b: string, token: string): Promise<Check> {
  const path = "/api/v1/organisations?kind=gp-practice&format=csv";
  const headers = { authorization: `Bearer ${token}` };
  const slots = exportConcurrencyPerTeam();
  const held = Array.from({ length: slots }, () => new AbortController());
  const opened = await Promise.all(held.map((c) => fetch(`${a}${path}`, { headers, signal: c.signal })));
  const third = await fetch(`${b}${path}`, { headers });
  await third.body?.cancel();
  for (const c of held) c.abort();
  // The slots are given back as the aborted requests end on A
  let after = 0;
  for (let attempt = 0; attempt < 20 && after !== 200; attempt++) {
    const again = await fetch(`${b}/api/v1/organisations?kind=icb&format=csv`, { headers });
    after = again.status;
    await again.body?.cancel();
    if (after !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name: `per-team export limit (${slots}) holds across A and B`,
    held: opened.every((r) => r.status === 200) && third.status === 429 && after === 200,
    detail: `${slots} exports on A: ${opened.map((r) => r.status).join(", ")}; one more on B: ${third.status}; after those ended, on B: ${after}`,
  };
}

export async function acrossInstances(a: string, b: string, exportToken: string): Promise<Check[]> {
  return [await sessionAcross(a, b), await throttleAcross(a, b), await exportLimitAcross(a, b, exportToken)];
}
