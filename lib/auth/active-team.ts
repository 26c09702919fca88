// The team a page was rendered for travels with every server action call it makes, so that a page
// left open for team A cannot write into team B after the user switched team in another tab
// (authorizedAction in lib/auth/guards.ts compares it with the session's active team). Imported by
// client components too: nothing here may reach the server-only modules.

/** The form field that carries it; the leading underscore keeps it apart from every schema's fields */
export const ACTIVE_TEAM_FIELD = "_activeTeamId";

/** The input with the page's team added; a FormData is copied, so the caller's form data is untouched. */
export function withActiveTeam<I>(input: I, teamId: string): I {
  if (input instanceof FormData) {
    const copy = new FormData();
    for (const [key, value] of input.entries()) copy.append(key, value);
    copy.set(ACTIVE_TEAM_FIELD, teamId);
    return copy as I;
  }
  if (input !== null && typeof input === "object" && !Array.isArray(input)) return { ...input, [ACTIVE_TEAM_FIELD]: teamId };
  return input;
}

/** The page's team (undefined when the caller sent none) and the fields without it, for the schema. */
export function takeActiveTeam(fields: unknown): { pageTeamId: unknown; fields: unknown } {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields) || !(ACTIVE_TEAM_FIELD in fields)) return { pageTeamId: undefined, fields };
  const { [ACTIVE_TEAM_FIELD]: pageTeamId, ...rest } = fields as Record<string, unknown>;
  return { pageTeamId, fields: rest };
}
