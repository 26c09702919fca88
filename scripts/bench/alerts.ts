// Event detection (issue 17): 10,000 follows over an import of 10,000 changes, timed as the worker
// runs it (runDetection until the outbox is empty). Everything it writes is marked ("bench-alerts-"
// ids, source "atlas-bench-alerts") and deleted at the end, and before it starts in case an earlier
// run stopped half way, so the other sections and later runs see the data as generated.
import pg from "pg";
import type { Db } from "../../lib/db/client";
import { installJobQueuesAt, QUEUES, stopJobSender } from "../../lib/jobs/boss";
import { runDetection, type DetectionReport } from "../../lib/alerts/detect";

export const DETECTION_TARGET_S = 10;
const FOLLOWS = 10_000;
const CHANGES = 10_000;
const MARK = "atlas-bench-alerts";

export type DetectionBench = DetectionReport & {
  follows: number;
  descendantFollows: number;
  changes: number;
  seconds: number;
  postgresMs: number;
  statements: number;
  drained: number;
};

async function cleanUp(client: pg.Client): Promise<void> {
  await client.query(`DELETE FROM alert_event WHERE team_id LIKE 'bench-team-%'`); // notifications and deliveries cascade
  await client.query(`DELETE FROM follow WHERE id LIKE 'bench-alerts-%'`);
  await client.query(`DELETE FROM webhook_endpoint WHERE id LIKE 'bench-alerts-%'`);
  await client.query(`DELETE FROM notification_preference WHERE user_id LIKE 'bench-user-%' AND kind = 'structure.changed'`);
  await client.query(`DELETE FROM change_event WHERE source = $1`, [MARK]);
  await client.query(`DELETE FROM alert_source WHERE source = 'change' AND ref::int NOT IN (SELECT id FROM change_event)`);
  // The bench database has no worker: the jobs the fan-out enqueued are the bench's own
  await client.query(`DELETE FROM pgboss.job WHERE name = ANY($1::text[])`, [[QUEUES.emailInstant, QUEUES.webhook]]);
}

export async function benchDetection(url: string, db: Db, log: (line: string) => void): Promise<DetectionBench> {
  await installJobQueuesAt(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await cleanUp(client);
    // What the outbox already held (the generated data predates the outbox's triggers; a bench import since may not)
    const drained = await runDetection(db, { url });
    log(`[bench] event detection: drained ${drained.sources} earlier outbox rows first`);

    // 10,000 follows over the bench teams' members and watchlists, on synthetic bodies: every 20th an
    // ICB with everything below it, the rest trusts, PCNs and practices themselves
    await client.query(
      `WITH bodies AS (
         SELECT id, kind, row_number() OVER (PARTITION BY kind = 'icb' ORDER BY id) AS n FROM organisation
         WHERE code LIKE 'Z%' AND kind IN ('icb', 'nhs-trust', 'pcn', 'gp-practice') AND status = 'open'
       ),
       wanted AS (
         SELECT g, (g - 1) % 10 + 1 AS team, ((g - 1) / 10) % 5 AS slot, g % 20 = 0 AS descendants FROM generate_series(1, $1::int) g
       )
       INSERT INTO follow (id, team_id, user_id, target, organisation_id, descendants, created_by_id)
       SELECT 'bench-alerts-' || w.g, 'bench-team-' || w.team,
         CASE WHEN w.g % 10 = 3 THEN NULL ELSE 'bench-user-' || (w.team + 10 * w.slot) END,
         'organisation', b.id, w.descendants, 'bench-user-' || w.team
       FROM wanted w JOIN bodies b ON (b.kind = 'icb') = w.descendants AND b.n = CASE WHEN w.descendants THEN w.g / 20 ELSE w.g * 7 END`,
      [FOLLOWS],
    );
    const follows = await client.query<{ n: number; d: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE descendants)::int AS d FROM follow WHERE id LIKE 'bench-alerts-%'`);
    // Some members want structure changes at once, and each team has a webhook for them
    await client.query(`INSERT INTO notification_preference (user_id, kind, in_app, email, updated_at)
      SELECT 'bench-user-' || g, 'structure.changed', true, 'instant', now() FROM generate_series(1, 10) g`);
    await client.query(`INSERT INTO webhook_endpoint (id, team_id, url, events, secret_sealed, created_by_id, updated_at)
      SELECT 'bench-alerts-hook-' || g, 'bench-team-' || g, 'http://127.0.0.1:9/bench', ARRAY['structure.changed'], 'bench', 'bench-user-' || g, now() FROM generate_series(1, 10) g`);

    // The import: 10,000 structure changes in one statement (as the reference import writes them),
    // a third on followed bodies, a third on bodies below a followed ICB, a third on bodies nobody follows
    await client.query(
      `WITH followed AS (SELECT o.code, row_number() OVER (ORDER BY f.id) AS n FROM follow f JOIN organisation o ON o.id = f.organisation_id WHERE f.id LIKE 'bench-alerts-%' AND NOT f.descendants),
       below AS (SELECT c.code, row_number() OVER (ORDER BY c.id) AS n FROM follow f JOIN organisation c ON c.parent_id = f.organisation_id WHERE f.id LIKE 'bench-alerts-%' AND f.descendants),
       followed_ids AS (SELECT organisation_id AS id FROM follow WHERE organisation_id IS NOT NULL),
       unfollowed AS (SELECT o.code, row_number() OVER (ORDER BY o.id DESC) AS n FROM organisation o WHERE o.code LIKE 'Z%' AND o.kind = 'gp-practice'
         AND o.id NOT IN (SELECT id FROM followed_ids) AND coalesce(o.parent_id, 0) NOT IN (SELECT id FROM followed_ids) LIMIT $1::int),
       sizes AS (SELECT (SELECT count(*) FROM followed) AS followed, (SELECT count(*) FROM below) AS below),
       picked AS (
         SELECT g, f.code FROM generate_series(1, $1::int) g CROSS JOIN sizes JOIN followed f ON g % 3 = 0 AND f.n = (g / 3) % sizes.followed + 1
         UNION ALL
         SELECT g, c.code FROM generate_series(1, $1::int) g CROSS JOIN sizes JOIN below c ON g % 3 = 1 AND c.n = (g / 3) % sizes.below + 1
         UNION ALL
         SELECT g, u.code FROM generate_series(1, $1::int) g JOIN unfollowed u ON g % 3 = 2 AND u.n = g / 3 + 1
       )
       INSERT INTO change_event (effective_date, type, codes, nations, kinds, summary, source)
       SELECT current_date, 'renamed', ARRAY[code], ARRAY['england'], ARRAY['nhs-trust'], 'Bench rename ' || g, $2 FROM picked WHERE code IS NOT NULL`,
      [CHANGES, MARK],
    );
    const changes = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM change_event WHERE source = $1`, [MARK])).rows[0]!.n;

    const timing = { ms: 0, statements: 0, each: [] as { ms: number; text: string }[] };
    const started = performance.now();
    const report = await runDetection(db, { url, timing });
    const seconds = (performance.now() - started) / 1000;
    for (const statement of [...timing.each].sort((a, b) => b.ms - a.ms).slice(0, 5)) log(`[bench]   ${statement.ms.toFixed(0)} ms: ${statement.text}`);
    const left = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_source`)).rows[0]!.n;
    if (left !== 0) throw new Error(`event detection left ${left} outbox rows`);
    return { ...report, follows: follows.rows[0]!.n, descendantFollows: follows.rows[0]!.d, changes, seconds, postgresMs: timing.ms, statements: timing.statements, drained: drained.sources };
  } finally {
    await cleanUp(client).catch((error: Error) => log(`[bench] event detection: clean-up failed: ${error.message}`));
    await client.end();
    await stopJobSender();
  }
}

export function detectionLines(d: DetectionBench): string[] {
  return [
    `Event detection (runDetection until the outbox is empty, as the alerts-detect job runs it; target ${DETECTION_TARGET_S} s): ${d.follows.toLocaleString("en-GB")} follows (${d.descendantFollows} of ICBs with descendants, a tenth of them team watchlists) over ${d.changes.toLocaleString("en-GB")} structure changes imported in one statement.`,
    `  ${d.sources.toLocaleString("en-GB")} outbox rows in ${d.batches} batches -> ${d.events.toLocaleString("en-GB")} events, ${d.notifications.toLocaleString("en-GB")} notifications, ${d.emails} instant-email jobs, ${d.webhooks} webhook deliveries: ${d.seconds.toFixed(2)} s (${d.seconds < DETECTION_TARGET_S ? "pass" : "FAIL"}); PostgreSQL (the ${d.statements} statements' round trips) ${(d.postgresMs / 1000).toFixed(2)} s.`,
  ];
}
