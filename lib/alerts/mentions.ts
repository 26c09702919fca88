// Mentions in a note: `@` then a teammate's email address ("@jo.bloggs@nhs.net"). Pure, so the
// note editor's hint and the detection agree on one rule.

// Not after a word character, a dot or another @: "jo@nhs.net" alone is an address, not a mention
const MENTION = /(?<![\w.@])@([a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi;

/** The addresses a note's text mentions, lower-cased, each once, in order of first mention. */
export function mentionedEmails(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(MENTION)) found.add(match[1]!.replace(/\.+$/, "").toLowerCase());
  return [...found];
}
