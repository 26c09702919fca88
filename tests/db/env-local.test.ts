// .env.local holds the session-signing secret: only its owner may read it.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureAuthSecret } from "../../scripts/env-local";

describe(".env.local is readable by its owner only", () => {
  let root: string;
  const saved = process.env.NEXTAUTH_SECRET;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "atlas-env-"));
    delete process.env.NEXTAUTH_SECRET;
  });
  afterEach(() => {
    process.env.NEXTAUTH_SECRET = saved;
    rmSync(root, { recursive: true, force: true });
  });
  const mode = () => statSync(path.join(root, ".env.local")).mode & 0o777;

  it("writes a new .env.local with mode 0600", () => {
    expect(ensureAuthSecret(root)).toMatch(/^[\w-]{43}$/);
    expect(mode().toString(8)).toBe("600");
  });

  it("narrows an existing, wider .env.local to 0600 when it adds the secret", () => {
    writeFileSync(path.join(root, ".env.local"), "PORT=3000\n");
    chmodSync(path.join(root, ".env.local"), 0o644);
    ensureAuthSecret(root);
    expect(mode().toString(8)).toBe("600");
  });
});
