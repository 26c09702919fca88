import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as noteRoute from "@/app/api/v1/notes/[id]/route";
import * as restoreRoute from "@/app/api/v1/notes/[id]/restore/route";
import * as versionsRoute from "@/app/api/v1/notes/[id]/versions/route";
import * as feedRoute from "@/app/api/v1/notes/route";
import * as organisationNotesRoute from "@/app/api/v1/organisations/[code]/notes/route";
import * as contactsRoute from "@/app/api/v1/organisations/[code]/contacts/route";
import * as contactRoute from "@/app/api/v1/contacts/[id]/route";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { apiRequest, params, signedInUser, type TestUser } from "../support/auth";

describe("account notes: nothing lost, nothing leaked", () => {
  let t: TestDatabase;
  let ann: TestUser, ben: TestUser, outsider: TestUser;
  beforeAll(async () => {
    t = await createTestDatabase();
    t.useAsAppDatabase();
    ann = await signedInUser(t.db, "ann@a.example", "Team A", "analyst");
    ben = await signedInUser(t.db, "ben@a.example", "Team A", "analyst");
    outsider = await signedInUser(t.db, "olga@b.example", "Team B", "owner");
  });
  afterAll(() => t.drop());

  async function createNote(user: TestUser, body: string, code = "QYG") {
    const response = await organisationNotesRoute.POST(apiRequest(`/api/v1/organisations/${code}/notes`, { method: "POST", cookie: user.cookie, body: { body } }), params({ code }));
    expect(response.status).toBe(201);
    return response.json();
  }
  const patch = (user: TestUser, id: string, body: unknown) => noteRoute.PATCH(apiRequest(`/api/v1/notes/${id}`, { method: "PATCH", cookie: user.cookie, body }), params({ id }));

  it("carries id, body, version, author and times in JSON", async () => {
    const note = await createNote(ann, "First call with the ICB's digital lead");
    expect(note).toMatchObject({ id: expect.any(String), body: "First call with the ICB's digital lead", version: 1, author: { name: "ann" }, created_at: expect.any(String), updated_at: expect.any(String) });
  });

  it("ends two concurrent edits with one 409, the other saved, and both texts kept", async () => {
    const note = await createNote(ann, "Budget meeting: tbc");
    const [first, second] = await Promise.all([
      patch(ann, note.id, { body: "Budget meeting on 3 December", version: 1 }),
      patch(ben, note.id, { body: "Budget meeting moved to January", version: 1 }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const winnerText = first.status === 200 ? "Budget meeting on 3 December" : "Budget meeting moved to January";
    const conflict = await loser.json();
    expect(conflict.error.code).toBe("conflict");
    expect(conflict.error.current).toMatchObject({ version: 2, body: winnerText });
    const saved = await (await noteRoute.GET(apiRequest(`/api/v1/notes/${note.id}`, { cookie: ann.cookie }), params({ id: note.id }))).json();
    expect(saved).toMatchObject({ body: winnerText, version: 2 });
    const versions = await (await versionsRoute.GET(apiRequest(`/api/v1/notes/${note.id}/versions`, { cookie: ann.cookie }), params({ id: note.id }))).json();
    expect(versions.data.map((v: { body: string }) => v.body)).toEqual([winnerText, "Budget meeting: tbc"]);
  });

  it("restores a deleted note with its history", async () => {
    const note = await createNote(ann, "Contract renewal due 2027");
    expect((await patch(ann, note.id, { body: "Contract renewal due March 2027", version: 1 })).status).toBe(200);
    const deleted = await noteRoute.DELETE(apiRequest(`/api/v1/notes/${note.id}`, { method: "DELETE", cookie: ann.cookie }), params({ id: note.id }));
    expect(deleted.status).toBe(200);
    expect((await noteRoute.GET(apiRequest(`/api/v1/notes/${note.id}`, { cookie: ann.cookie }), params({ id: note.id }))).status).toBe(404);
    const restored = await restoreRoute.POST(apiRequest(`/api/v1/notes/${note.id}/restore`, { method: "POST", cookie: ann.cookie }), params({ id: note.id }));
    expect(await restored.json()).toMatchObject({ body: "Contract renewal due March 2027", deleted: false, version: 4 });
    const versions = await (await versionsRoute.GET(apiRequest(`/api/v1/notes/${note.id}/versions`, { cookie: ann.cookie }), params({ id: note.id }))).json();
    expect(versions.data.map((v: { action: string }) => v.action)).toEqual(["restored", "deleted", "edited", "created"]);
    const audit = await t.db.auditEvent.findMany({ where: { target: `note:${note.id}` }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["note.created", "note.edited", "note.deleted", "note.restored"]);
    expect(audit[1]!.before).toMatchObject({ body: "Contract renewal due 2027" });
    expect(audit[1]!.after).toMatchObject({ body: "Contract renewal due March 2027" });
  });

  it("searches the team's notes in full text and filters the feed by author and organisation", async () => {
    await createNote(ben, "Procurement meetings planned with the finance director", "QHM");
    const found = await (await feedRoute.GET(apiRequest("/api/v1/notes?q=meeting%20finance", { cookie: ann.cookie }))).json();
    expect(found.data.map((n: { body: string }) => n.body)).toEqual(["Procurement meetings planned with the finance director"]);
    const byBen = await (await feedRoute.GET(apiRequest(`/api/v1/notes?author=${ben.userId}`, { cookie: ann.cookie }))).json();
    expect(byBen.data.every((n: { author: { id: string } }) => n.author.id === ben.userId)).toBe(true);
    const onQhm = await (await feedRoute.GET(apiRequest("/api/v1/notes?organisation=QHM", { cookie: ann.cookie }))).json();
    expect(onQhm.data).toHaveLength(1);
    const outsiderSearch = await (await feedRoute.GET(apiRequest("/api/v1/notes?q=finance", { cookie: outsider.cookie }))).json();
    expect(outsiderSearch.data).toEqual([]);
  });

  it("answers 404 to another team for every note and contact route, and changes nothing", async () => {
    const note = await createNote(ann, "Private to team A");
    const contactResponse = await contactsRoute.POST(apiRequest("/api/v1/organisations/QYG/contacts", { method: "POST", cookie: ann.cookie, body: { name: "Dr Jane Smith", role: "CCIO", email: "jane.smith@nhs.net", phone: "0151 000 0000" } }), params({ code: "QYG" }));
    expect(contactResponse.status).toBe(201);
    const contact = await contactResponse.json();
    const asOutsider = { cookie: outsider.cookie };
    expect((await noteRoute.GET(apiRequest(`/api/v1/notes/${note.id}`, asOutsider), params({ id: note.id }))).status).toBe(404);
    expect((await patch(outsider, note.id, { body: "Hijacked", version: 1 })).status).toBe(404);
    expect((await noteRoute.DELETE(apiRequest(`/api/v1/notes/${note.id}`, { ...asOutsider, method: "DELETE" }), params({ id: note.id }))).status).toBe(404);
    expect((await restoreRoute.POST(apiRequest(`/api/v1/notes/${note.id}/restore`, { ...asOutsider, method: "POST" }), params({ id: note.id }))).status).toBe(404);
    expect((await versionsRoute.GET(apiRequest(`/api/v1/notes/${note.id}/versions`, asOutsider), params({ id: note.id }))).status).toBe(404);
    expect((await (await contactsRoute.GET(apiRequest("/api/v1/organisations/QYG/contacts", asOutsider), params({ code: "QYG" }))).json()).data).toEqual([]);
    expect((await contactRoute.PATCH(apiRequest(`/api/v1/contacts/${contact.id}`, { ...asOutsider, method: "PATCH", body: { name: "X", version: 1 } }), params({ id: contact.id }))).status).toBe(404);
    expect((await contactRoute.DELETE(apiRequest(`/api/v1/contacts/${contact.id}`, { ...asOutsider, method: "DELETE" }), params({ id: contact.id }))).status).toBe(404);
    expect((await t.db.note.findUniqueOrThrow({ where: { id: note.id } })).body).toBe("Private to team A");
    expect((await t.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).name).toBe("Dr Jane Smith");
  });

  it("lets a note mention the team's own contact, and refuses another team's", async () => {
    const contact = await (await contactsRoute.POST(apiRequest("/api/v1/organisations/QYG/contacts", { method: "POST", cookie: ann.cookie, body: { name: "Sam Patel", role: "Head of digital" } }), params({ code: "QYG" }))).json();
    const note = await createNote(ann, "Spoke to Sam");
    const linked = await patch(ann, note.id, { body: "Spoke to Sam about EPR", version: 1, contact_id: contact.id });
    expect(await linked.json()).toMatchObject({ contact: { name: "Sam Patel" } });
    const theirNote = await createNote(outsider, "Their note");
    expect((await patch(outsider, theirNote.id, { body: "x", version: 1, contact_id: contact.id })).status).toBe(400);
  });

  it("rejects bad input with the field named and leaves the note as it was", async () => {
    const note = await createNote(ann, "Keep me");
    const response = await patch(ann, note.id, { body: "   ", version: 1 });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields.body).toBeDefined();
    expect((await t.db.note.findUniqueOrThrow({ where: { id: note.id } })).body).toBe("Keep me");
  });
});
