// Work stays when its author leaves the team: their lists, entries and notes are then shown as by
// "a former member", so a removed person's name is not kept on show to the team they left.
import { raw, sql, type Sql } from "@/lib/db/sql";

export const FORMER_MEMBER = "a former member";

/** Select a person with the teams they belong to, for shownPerson. */
export const personSelect = { select: { id: true, name: true, memberships: { select: { teamId: true } } } } as const;

type PersonWithTeams = { id: string; name: string; memberships: { teamId: string }[] };

/** The person as the team sees them: their name while a member, "a former member" after. */
export function shownPerson(person: PersonWithTeams, teamId: string): { id: string; name: string } {
  return { id: person.id, name: person.memberships.some((m) => m.teamId === teamId) ? person.name : FORMER_MEMBER };
}

/** The same in SQL: the name of user_account `userAlias` (fixed text, never input) as the team sees it. */
export function shownNameSql(userAlias: string, teamId: string): Sql {
  const user = raw(userAlias);
  return sql`CASE WHEN EXISTS (SELECT 1 FROM membership fm WHERE fm.user_id = ${user}.id AND fm.team_id = ${teamId}) THEN ${user}.name ELSE ${FORMER_MEMBER} END`;
}
