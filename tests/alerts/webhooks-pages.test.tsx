// Settings -> Webhooks and Settings -> Jobs as each role sees them, rendered on the server from real data.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/next-request-scope").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("../support/next-request-scope").then((m) => m.nextCache));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: () => {}, replace: () => {}, refresh: () => {} }),
  usePathname: () => "/settings/webhooks",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

import WebhooksPage from "@/app/(app)/settings/webhooks/page";
import JobsPage from "@/app/(app)/settings/jobs/page";
import { createWebhook } from "@/lib/alerts/webhooks";
import { authenticateRequest } from "@/lib/auth/context";
import { apiRequest, signedInUser, type TestUser } from "../support/auth";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { actAs } from "../support/next-request-scope";

let t: TestDatabase;
let admin: TestUser, analyst: TestUser, operator: TestUser;
let webhookId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  t.useAsAppDatabase();
  admin = await signedInUser(t.db, "ada@pages.example", "Pages team", "admin");
  analyst = await signedInUser(t.db, "ann@pages.example", "Pages team", "analyst");
  operator = await signedInUser(t.db, "op@ops.example", "Ops team", "viewer");
  await t.db.user.update({ where: { id: operator.userId }, data: { isOperator: true } });
  const ctx = (await authenticateRequest(t.db, apiRequest("/api/v1/me", { cookie: admin.cookie })))!;
  const { webhook } = await createWebhook(t.db, ctx, { url: "https://crm.example.com/atlas", events: ["notice.published"], description: "CRM" });
  webhookId = webhook.id;
  await t.db.webhookDelivery.create({ data: { webhookId, teamId: admin.teamId, eventKind: "notice.published", payload: { test: true }, status: "failed", attempts: 7, lastStatus: 502, lastError: "HTTP 502: bad gateway" } });
});
afterAll(() => t.drop());

const search = (value: Record<string, string> = {}) => ({ searchParams: Promise.resolve(value) });

describe("Settings -> Webhooks", () => {
  it("shows an admin the team's webhooks and the chosen one's delivery log, never the secret", async () => {
    actAs(admin.cookie);
    const html = renderToStaticMarkup(await WebhooksPage(search({ webhook: webhookId })));
    expect(html).toContain("https://crm.example.com/atlas");
    expect(html).toContain("Delivery log");
    expect(html).toContain("HTTP 502: bad gateway");
    expect(html).toContain("Redeliver");
    expect(html).not.toContain("whsec_");
  });

  it("does not exist for an analyst", async () => {
    actAs(analyst.cookie);
    await expect(WebhooksPage(search())).rejects.toThrow("NEXT_NOT_FOUND");
  });
});

describe("Settings -> Jobs", () => {
  it("shows an operator every queue by state", async () => {
    actAs(operator.cookie);
    const html = renderToStaticMarkup(await JobsPage());
    expect(html).toContain("alerts-webhook");
    expect(html).toContain("alerts-detect");
    expect(html).toContain("Failed and retrying jobs");
  });

  it("shows a team admin only their team's failed deliveries, and says why", async () => {
    actAs(admin.cookie);
    const html = renderToStaticMarkup(await JobsPage());
    expect(html).not.toContain("alerts-detect");
    expect(html).toContain("only its operators see them");
    expect(html).toContain("HTTP 502");
  });

  it("does not exist for an analyst who is not an operator", async () => {
    actAs(analyst.cookie);
    await expect(JobsPage()).rejects.toThrow("NEXT_NOT_FOUND");
  });
});
