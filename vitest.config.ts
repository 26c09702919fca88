import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Each test file gets its own database cloned from a migrated, imported template
    pool: "forks",
    // Signs the session cookies the tests create; never used outside tests
    env: { NEXTAUTH_SECRET: "test-only-secret-for-session-cookies-0123456789" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
