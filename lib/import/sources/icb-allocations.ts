// icb_allocations.csv: the 2023/24 to 2025/26 allocations of the 42 ICBs, one row per ICB, one column per line.
import { z } from "zod";
import type { AllocationRecord } from "../records";
import { codeList, decimal, readCsv, text } from "../csv";
import { SRC } from "./provenance";
import type { Read, Source } from "./reader";

const FILE = "icb_allocations.csv";

/** Each column's financial year and the allocation line it holds. */
const COLUMNS = {
  core_2023_24_recurrent_gbp_k: ["2023/24", "core-recurrent"],
  core_2023_24_total_gbp_k: ["2023/24", "core-total"],
  core_2023_24_combined_gbp_k: ["2023/24", "core-combined"],
  pmc_2023_24_recurrent_gbp_k: ["2023/24", "primary-medical-care-recurrent"],
  other_primary_care_2023_24_recurrent_gbp_k: ["2023/24", "other-primary-care-recurrent"],
  running_costs_2023_24_gbp_k: ["2023/24", "running-costs"],
  core_2024_25_recurrent_gbp_k: ["2024/25", "core-recurrent"],
  core_2024_25_total_gbp_k: ["2024/25", "core-total"],
  core_2024_25_combined_gbp_k: ["2024/25", "core-combined"],
  pmc_2024_25_recurrent_gbp_k: ["2024/25", "primary-medical-care-recurrent"],
  other_primary_care_2024_25_recurrent_gbp_k: ["2024/25", "other-primary-care-recurrent"],
  running_costs_2024_25_gbp_k: ["2024/25", "running-costs"],
  core_2025_26_recurrent_gbp_k: ["2025/26", "core-recurrent"],
  core_2025_26_total_gbp_k: ["2025/26", "core-total"],
  specialised_2025_26_phys_hcdd_recurrent_gbp_k: ["2025/26", "specialised-physical-health-hcdd-recurrent"],
  specialised_2025_26_delegated_mh_gbp_k: ["2025/26", "specialised-delegated-mental-health"],
  pmc_2025_26_revised_recurrent_gbp_k: ["2025/26", "primary-medical-care-revised-recurrent"],
  pod_2025_26_total_gbp_k: ["2025/26", "pharmacy-optometry-dental-total"],
  running_costs_2025_26_gbp_k: ["2025/26", "running-costs"],
} as const;
type Column = keyof typeof COLUMNS;

const schema = z.object({
  icb_ods_code: text,
  icb_name: text,
  region_ods_code: text,
  successor_icb_ods_code_apr2026: codeList,
  ...(Object.fromEntries(Object.keys(COLUMNS).map((column) => [column, decimal])) as Record<Column, typeof decimal>),
});

const codeSet = (codes: readonly string[]) => [...codes].sort().join(";");

/** Reads the allocations, refusing a row whose successors are not those icbs.csv gives the same ICB. */
export function readIcbAllocations(
  source: Source,
  { successorsOfIcb }: { successorsOfIcb: ReadonlyMap<string, readonly string[]> },
): Read<{ allocations: readonly AllocationRecord[] }> {
  const { rows, errors: parseErrors } = readCsv(source.dataDir, FILE, schema);
  const errors = [...parseErrors];
  for (const { line, value: row } of rows) {
    const expected = successorsOfIcb.get(row.icb_ods_code);
    if (expected && codeSet(row.successor_icb_ods_code_apr2026) !== codeSet(expected)) {
      const given = row.successor_icb_ods_code_apr2026.join(";") || "blank";
      errors.push({ file: FILE, line, reason: `${row.icb_ods_code}: successor_icb_ods_code_apr2026 is ${given} where icbs.csv gives ${expected.join(";")}` });
    }
  }
  const allocations = rows.flatMap(({ value: row }) =>
    Object.entries(COLUMNS).map(([column, [financialYear, line]]) => ({
      organisationCode: row.icb_ods_code,
      financialYear,
      line,
      amountGbpThousands: row[column as Column],
      structure: "42-icb",
      source: `${FILE}; ${SRC.allocations}`,
    })),
  );
  return { allocations, errors };
}
