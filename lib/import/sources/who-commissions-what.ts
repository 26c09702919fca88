// who_commissions_what.csv: who commissions each service category in each nation, one cited source a row
// (see data/WHO_COMMISSIONS_WHAT.md). The categories are the file's, in the order they first appear.
import { z } from "zod";
import { ARRANGEMENTS, COMMISSIONER_KINDS, COMMISSIONER_KIND_TO_ORGANISATION_KIND, NATIONS } from "@/lib/organisations/vocabulary";
import type { ResponsibilityRecord, ServiceCategoryRecord } from "../records";
import { isoDate, optionalText, readCsv, text, type RowError } from "../csv";
import type { Read, Source } from "./reader";

const FILE = "who_commissions_what.csv";

/** Named commissioners of the file that are bodies of the atlas. */
const NAMED_COMMISSIONERS: Record<string, string> = {
  "NHS England": "X24",
  "Strategic Planning and Performance Group (Department of Health NI)": "ATLAS-NI-SPPG",
  "NHS Wales Joint Commissioning Committee": "ATLAS-W-JCC",
  "Public Health Agency": "ATLAS-NI-PHA",
  "Welsh Government": "ATLAS-WALESGOV",
  "Northern Ireland Ambulance Service HSC Trust": "Z1990",
  "South Eastern Health and Social Care Trust": "ZT004",
  "Northern Health and Social Care Trust": "ZT002",
  "Scottish Ambulance Service (special health board)": "SB0806",
  "NHS 24 (special health board)": "SB0803",
  "The State Hospitals Board for Scotland": "SB0802",
  "NHS Golden Jubilee (National Waiting Times Centre Board)": "SB0801",
  "NHS National Services Scotland (National Services Division)": "SB0808",
  "NHS National Services Scotland (Screening Oversight and Assurance Scotland)": "SB0808",
  "Public Health Wales": "RYT",
  "Public Health Wales (Screening Division)": "RYT",
};
/** Commissioner kinds that are one body of the atlas. */
const COMMISSIONER_KIND_BODY: Partial<Record<string, string>> = {
  "nhs-england": "X24",
  sppg: "ATLAS-NI-SPPG",
  "public-health-agency": "ATLAS-NI-PHA",
  "nhs-wales-joint-commissioning-committee": "ATLAS-W-JCC",
  "welsh-government": "ATLAS-WALESGOV",
  "nhs-national-services-scotland": "SB0808",
};

const schema = z.object({
  service_category_slug: z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lower-case slug"),
  service_category: text,
  nation: z.enum(NATIONS),
  commissioner_kind: z.enum(COMMISSIONER_KINDS),
  commissioner_name_if_single: optionalText,
  arrangement: z.enum(ARRANGEMENTS),
  effective_from: isoDate,
  effective_to: isoDate,
  notes: optionalText,
  source_title: text,
  source_url: z.string().trim().url("must be a URL"),
  evidence: z.enum(["direct", "indirect"]),
}).refine((row) => !row.effective_to || !row.effective_from || row.effective_to >= row.effective_from, { path: ["effective_to"], message: "is before effective_from" });

export function readWhoCommissionsWhat(
  source: Source,
): Read<{ serviceCategories: readonly ServiceCategoryRecord[]; responsibilities: readonly ResponsibilityRecord[] }> {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const errors: RowError[] = [...parsed.errors];
  const categories = new Map<string, ServiceCategoryRecord>();
  const responsibilities = new Map<string, ResponsibilityRecord>();
  for (const { line, value: row } of parsed.rows) {
    const category = categories.get(row.service_category_slug);
    if (!category) {
      categories.set(row.service_category_slug, { slug: row.service_category_slug, name: row.service_category, sortOrder: categories.size + 1 });
    } else if (category.name !== row.service_category) {
      errors.push({ file: FILE, line, reason: `service category ${row.service_category_slug} has two names` });
    }
    const rowKey = [row.service_category_slug, row.nation, row.commissioner_kind, row.commissioner_name_if_single ?? "", row.arrangement].join("|");
    if (responsibilities.has(rowKey)) {
      errors.push({ file: FILE, line, reason: "duplicates an earlier row (same service, nation, commissioner and arrangement)" });
      continue;
    }
    const namedCode = row.commissioner_name_if_single ? NAMED_COMMISSIONERS[row.commissioner_name_if_single] : undefined;
    responsibilities.set(rowKey, {
      rowKey,
      serviceCategorySlug: row.service_category_slug,
      nation: row.nation,
      commissionerKind: row.commissioner_kind,
      organisationKind: COMMISSIONER_KIND_TO_ORGANISATION_KIND[row.commissioner_kind] ?? null,
      commissionerName: row.commissioner_name_if_single,
      commissionerOrgCode: namedCode ?? COMMISSIONER_KIND_BODY[row.commissioner_kind] ?? null,
      arrangement: row.arrangement,
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      notes: row.notes,
      sourceTitle: row.source_title,
      sourceUrl: row.source_url,
      evidence: row.evidence,
    });
  }
  return { serviceCategories: [...categories.values()], responsibilities: [...responsibilities.values()], errors };
}
