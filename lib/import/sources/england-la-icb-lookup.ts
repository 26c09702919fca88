// england_la_icb_lookup.csv: how much of each council's area lies in each ICB of April 2026
// (counts of LSOAs, not population), from the UTLA rows.
import { z } from "zod";
import type { AreaOverlapRecord } from "../records";
import { count, decimal, optionalText, readCsv, text, yesNo, type RowError } from "../csv";
import { SRC } from "./provenance";
import type { Read, Source } from "./reader";

const FILE = "england_la_icb_lookup.csv";

const schema = z.object({
  la_level: z.enum(["UTLA", "LTLA"]),
  la_code: text,
  la_name: text,
  utla_code: text,
  utla_name: text,
  icb_ons_code: optionalText,
  icb_ods_code: text,
  icb_name: text,
  sub_icb_ods_codes: text,
  lsoa21_count: count,
  la_lsoa21_total: count,
  lsoa_share: decimal,
  is_primary_icb: yesNo,
  icb_ods_codes_apr2026: text,
});

export function readLaIcbLookup(source: Source): Read<{ overlaps: readonly AreaOverlapRecord[] }> {
  const parsed = readCsv(source.dataDir, FILE, schema);
  const errors: RowError[] = [...parsed.errors];
  // A council's row per 2024 ICB names the April 2026 ICBs its LSOAs went to ("CODE:count;..."): sum them per pair
  const counts = new Map<string, { la: string; icb: string; lsoas: number; total: number }>();
  for (const { line, value: row } of parsed.rows) {
    if (row.la_level !== "UTLA") continue;
    for (const part of row.icb_ods_codes_apr2026.split(";")) {
      const match = part.trim().match(/^(.*):(\d+)$/);
      if (!match) {
        errors.push({ file: FILE, line, reason: `icb_ods_codes_apr2026 part "${part}" is not CODE:count` });
        continue;
      }
      const [, icb = "", lsoas = "0"] = match;
      if (icb.startsWith("unknown")) continue; // Frimley's split area: no official mapping
      const key = `${row.la_code}|${icb}`;
      const entry = counts.get(key) ?? { la: row.la_code, icb, lsoas: 0, total: row.la_lsoa21_total };
      counts.set(key, { ...entry, lsoas: entry.lsoas + Number(lsoas) });
    }
  }
  const largest = new Map<string, number>();
  for (const entry of counts.values()) largest.set(entry.la, Math.max(largest.get(entry.la) ?? 0, entry.lsoas));
  const overlaps = [...counts.values()].map((entry) => ({
    localAuthorityCode: entry.la,
    icbCode: entry.icb,
    lsoaCount: entry.lsoas,
    lsoaShare: (entry.lsoas / entry.total).toFixed(4),
    isPrimary: largest.get(entry.la) === entry.lsoas,
    source: `${FILE}; ${SRC.laIcbLookup}; mapped to April 2026 ICBs through their sub-ICB locations`,
  }));
  return { overlaps, errors };
}
