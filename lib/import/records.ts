// The desired state of the reference data, built from data/*.csv, before it is applied.
import type { Arrangement, CodeSystem, CommissionerKind, Nation, OrganisationKind, OrganisationStatus, SuccessionReason } from "@/lib/organisations/vocabulary";

/** Dates are ISO `YYYY-MM-DD` strings throughout the importer. */
export type IsoDate = string;

export type OrganisationRecord = {
  code: string;
  codeSystem: CodeSystem;
  onsCode: string | null;
  name: string;
  otherNames: string[];
  kind: OrganisationKind;
  subtype: string | null;
  nation: Nation;
  parentCode: string | null;
  regionCode: string | null;
  status: OrganisationStatus;
  openDate: IsoDate | null;
  closeDate: IsoDate | null;
  postcode: string | null;
  address: string | null;
  website: string | null;
  population: number | null;
  populationYear: string | null;
  populationSource: string | null;
  source: string;
  sourceAsOf: IsoDate;
  details: Record<string, unknown>;
};

export type SuccessionRecord = {
  predecessorCode: string;
  successorCode: string;
  effectiveDate: IsoDate;
  reason: SuccessionReason;
  note: string | null;
  source: string;
};

export type AllocationRecord = {
  organisationCode: string;
  financialYear: string;
  line: string;
  amountGbpThousands: string;
  structure: string;
  source: string;
};

export type AreaOverlapRecord = {
  localAuthorityCode: string;
  icbCode: string;
  lsoaCount: number;
  lsoaShare: string;
  isPrimary: boolean;
  source: string;
};

/** Patients registered at GP practices: a practice's own count, or the sum for a PCN, sub-ICB location, ICB or region. */
export type RegisteredPatientsRecord = {
  organisationCode: string;
  patients: number;
  /** "YYYY-MM", from the file's EXTRACT_DATE */
  month: string;
  source: string;
};

export type ServiceCategoryRecord = { slug: string; name: string; sortOrder: number };

export type ResponsibilityRecord = {
  rowKey: string;
  serviceCategorySlug: string;
  nation: Nation;
  commissionerKind: CommissionerKind;
  organisationKind: OrganisationKind | null;
  commissionerName: string | null;
  commissionerOrgCode: string | null;
  arrangement: Arrangement;
  effectiveFrom: IsoDate | null;
  /** Last day of an arrangement that ended; null while it continues */
  effectiveTo: IsoDate | null;
  notes: string | null;
  sourceTitle: string;
  sourceUrl: string;
  evidence: "direct" | "indirect";
};

export type ReferenceData = {
  readonly organisations: readonly OrganisationRecord[];
  readonly successions: readonly SuccessionRecord[];
  readonly allocations: readonly AllocationRecord[];
  readonly overlaps: readonly AreaOverlapRecord[];
  readonly serviceCategories: readonly ServiceCategoryRecord[];
  readonly responsibilities: readonly ResponsibilityRecord[];
  readonly registeredPatients: {
    readonly counts: readonly RegisteredPatientsRecord[];
    /** Rows of the patients file whose practice gp_practices.csv does not list (reported, not loaded as bodies) */
    readonly unlistedPractices: { readonly file: string; readonly rows: number; readonly patients: number };
  };
  /** sha256 of each file read */
  readonly files: Readonly<Record<string, string>>;
};
