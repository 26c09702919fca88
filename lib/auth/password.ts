import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEnglish from "@zxcvbn-ts/language-en";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

// argon2id with OWASP's recommended minimum: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// zxcvbn's 0-4 scale: 3 is "safely unguessable" (about 10^8 guesses to break offline with a slow hash, 10^10 online)
export const PASSWORD_MIN_SCORE = 3;
export const COMMON_PASSWORD_MESSAGE = "This is one of the most common passwords: attackers try it first. Choose another, for example a few unrelated words.";

// Built on first use: the dictionaries (common passwords, English words and names) take ~100 ms to load
let estimator: ZxcvbnFactory | null = null;
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  });
  return estimator;
}

/** Why a new password is refused, or null when it is strong enough. */
export function passwordWeakness(password: string): string | null {
  const result = strengthEstimator().check(password);
  // The whole password is one entry of the common-password list (case and l33t variants included)
  const [only] = result.sequence;
  if (result.sequence.length === 1 && only?.pattern === "dictionary" && only.dictionaryName === "passwords-common") return COMMON_PASSWORD_MESSAGE;
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(" ");
  return `This password is too easy to guess. ${why || "Add more words that are less common."}`.trim();
}

/** The one rule for every new password: sign-up, invitations, change, reset and the operator's command. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`)
  .superRefine((password, issues) => {
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return;
    const weakness = passwordWeakness(password);
    if (weakness) issues.addIssue({ code: "custom", message: weakness });
  });

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against a real hash when the email is unknown keeps the answer time the same,
// so response times do not reveal which emails have accounts.
let dummyHash: Promise<string> | null = null;
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash("not-a-real-password-for-timing", OPTIONS);
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
