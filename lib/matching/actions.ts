"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { authorizedAction } from "@/lib/auth/guards";
import { matchChunkSchema, matchedSpreadsheet, matchNames, readUpload } from "@/lib/matching";
import { accountColumn } from "@/lib/matching/spreadsheet";

const fileSchema = z.object({ file: z.instanceof(File, { message: "Choose a CSV or .xlsx file" }) });

/** Reads an upload for the page: header, rows as text, format, and the column that looks like accounts. */
export const readSpreadsheetAction = authorizedAction("read", fileSchema, async (_ctx, { file }) => {
  const { format, headers, rows } = await readUpload(file);
  return { filename: file.name, format, headers, rows, column: accountColumn(headers) };
});

/** One chunk of the chosen column (the page calls it chunk after chunk, showing progress). */
export const matchNamesAction = authorizedAction("read", matchChunkSchema, async (_ctx, { names }) => matchNames(getDb(), names));

const downloadSchema = fileSchema.extend({
  codes: z
    .string()
    .transform((text, ctx) => {
      try {
        return z.array(z.string().max(20).nullable()).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: "custom", message: "One code (or null) per row" });
        return z.NEVER;
      }
    }),
});

/** The upload back, in its own format, with the matched body's code, name, kind, status and today's bodies added. */
export const downloadMatchedAction = authorizedAction("read", downloadSchema, async (_ctx, { file, codes }) => {
  const { bytes, filename, contentType } = await matchedSpreadsheet(getDb(), file, codes);
  return { filename, contentType, base64: Buffer.from(bytes).toString("base64") };
});
