// Where the files' facts come from (the letters are those of data/SOURCES.md), the date each source
// describes, and the references the atlas gives to bodies that no file gives a code for.
import type { OrganisationKind } from "@/lib/organisations/vocabulary";

export const SRC = {
  gpMap: "NHS England GP registration mapping file, extract 1 Oct 2025 (SOURCES.md A)",
  rtt2026: "NHS England RTT full extract, April 2026, commissioner hierarchy (SOURCES.md B)",
  etr: "ODS etr.csv NHS trusts, mid-2026 extract (SOURCES.md C)",
  epcn: "ODS ePCN PCN details, about Oct-Dec 2024 (SOURCES.md D)",
  onsPop2022: "ONS mid-2022 population estimates by sub-ICB location (SOURCES.md E)",
  allocations: "NHS England ICB allocation workbooks 2023/24-2024/25 and 2025/26, £ thousands (SOURCES.md G)",
  phsGeography: "PHS geography codes and labels ca11_ca19 / hb14_hb19 (SOURCES.md H, I, J)",
  nrs2022: "NRS mid-2022 population estimates (SOURCES.md K)",
  phsSpecial: "PHS special health boards file, 19 Feb 2021 (SOURCES.md L)",
  onsPop2024: "ONS mid-2024 population estimates, MYE2 persons (SOURCES.md N)",
  nisra2020: "NISRA mid-2020 HSC trust population estimates (SOURCES.md P)",
  laRegister: "mySociety UK local authority register, 10 Jul 2025, CC BY 4.0 (SOURCES.md Q, R)",
  laIcbLookup: "ONS LSOA21 to sub-ICB to ICB (Apr 2024) and LSOA21 to LAD24 lookups (SOURCES.md S, T)",
  frimleySplit: "Reported split of Frimley sub-ICB D4U1Y (third-party project note, not an ODS file; SOURCES.md caveat)",
  gpRegistered: "NHS England \"Patients Registered at a GP Practice\", all-persons practice file, OGL v3.0 (SOURCES.md U)",
  handCompiled: "hand-compiled from public facts (SOURCES.md, Hand-compiled lists)",
  ccgs: "NHS ODS eccg.csv and succ.csv, with ONS/NHSPD CCG names of 2018-2021 (CCGS.md)",
  supportBodies: "national_and_support_bodies.csv, each row's sources named in NATIONAL_BODIES.md",
} as const;

export const AS_OF = {
  gpMap: "2025-10-01",
  rtt2026: "2026-04-30",
  etr: "2026-06-01",
  phs: "2022-07-05",
  wales: "2026-11-23",
  niorg: "2020-04-25",
  laRegister: "2025-07-10",
  handCompiled: "2026-11-23",
  /** The last day of the CCGs: the ICBs and sub-ICB locations took over on 1 July 2022 */
  ccgs: "2022-06-30",
  /** "Built on 2026-06" (NATIONAL_BODIES.md) */
  supportBodies: "2026-06-01",
} as const;

/** A body that no data file gives a code for: a stable Atlas reference, marked code_system "atlas". */
export type AtlasReference = { code: string; kind: OrganisationKind; short: string };

/** The Atlas references of the bodies without a code in the Welsh and Northern Irish files, by their name there. */
export const ATLAS_REFERENCES: Record<"wales" | "northernIreland", Record<string, AtlasReference>> = {
  wales: {
    "Health Education and Improvement Wales": { code: "ATLAS-W-HEIW", kind: "national-body", short: "HEIW" },
    "Digital Health and Care Wales": { code: "ATLAS-W-DHCW", kind: "national-body", short: "DHCW" },
    "NHS Wales Joint Commissioning Committee": { code: "ATLAS-W-JCC", kind: "national-body", short: "JCC" },
    "Welsh Health Specialised Services Committee": { code: "ATLAS-W-WHSSC", kind: "national-body", short: "WHSSC" },
    "Emergency Ambulance Services Committee": { code: "ATLAS-W-EASC", kind: "national-body", short: "EASC" },
  },
  northernIreland: {
    "Strategic Planning and Performance Group (Department of Health NI)": { code: "ATLAS-NI-SPPG", kind: "sppg", short: "SPPG" },
    "Public Health Agency": { code: "ATLAS-NI-PHA", kind: "national-body", short: "PHA" },
    "Business Services Organisation": { code: "ATLAS-NI-BSO", kind: "national-body", short: "BSO" },
  },
};

/**
 * The Atlas references of the codeless bodies of national_and_support_bodies.csv, by their name there
 * (no ODS code was found for them: NATIONAL_BODIES.md, "Missing ODS codes").
 */
export const SUPPORT_BODY_REFERENCES: Record<string, string> = {
  "Supply Chain Coordination Limited": "ATLAS-SCCL",
  "NHS Shared Business Services": "ATLAS-NHSSBS",
  "NHS Resolution": "ATLAS-NHSR",
  "UK Health Security Agency": "ATLAS-UKHSA",
  "NHS Property Services Ltd": "ATLAS-NHSPS",
  "Community Health Partnerships": "ATLAS-CHP",
  "Care Quality Commission": "ATLAS-CQC",
  "National Institute for Health and Care Excellence": "ATLAS-NICE",
  "Medicines and Healthcare products Regulatory Agency": "ATLAS-MHRA",
  "NHS Blood and Transplant": "ATLAS-NHSBT",
  "Health Research Authority": "ATLAS-HRA",
  "Human Tissue Authority": "ATLAS-HTA",
  "Human Fertilisation and Embryology Authority": "ATLAS-HFEA",
  "Health Services Safety Investigations Body": "ATLAS-HSSIB",
  "NHS Counter Fraud Authority": "ATLAS-NHSCFA",
  "Health Education England": "ATLAS-HEE",
  "NHS Improvement": "ATLAS-NHSI",
  Monitor: "ATLAS-MONITOR",
  "NHS Trust Development Authority": "ATLAS-NHSTDA",
  "Public Health England": "ATLAS-PHE",
  "Health Innovation East Midlands": "ATLAS-HIN-EM",
  "Health Innovation East": "ATLAS-HIN-EAST",
  "Health Innovation Kent, Surrey and Sussex": "ATLAS-HIN-KSS",
  "Health Innovation North East and North Cumbria": "ATLAS-HIN-NENC",
  "Health Innovation North West Coast": "ATLAS-HIN-NWC",
  "Health Innovation Oxford and Thames Valley": "ATLAS-HIN-OTV",
  "Health Innovation South West": "ATLAS-HIN-SW",
  "Health Innovation Wessex": "ATLAS-HIN-WESSEX",
  "Health Innovation West Midlands": "ATLAS-HIN-WM",
  "Health Innovation West of England": "ATLAS-HIN-WEST",
  "Health Innovation Yorkshire and Humber": "ATLAS-HIN-YH",
  "Health Innovation Manchester": "ATLAS-HIN-MAN",
  "Health Innovation Network South London": "ATLAS-HIN-SL",
  UCLPartners: "ATLAS-HIN-UCLP",
  "Imperial College Health Partners": "ATLAS-HIN-ICHP",
};

/** A body of national_and_support_bodies.csv that national_bodies.csv already holds: loaded once, under the earlier code. */
export const SAME_BODIES: Record<string, string> = { "NHS England": "X24" };
