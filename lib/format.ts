const integer = new Intl.NumberFormat("en-GB");
const gbpCompact = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", notation: "compact", maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export const formatInteger = (value: number) => integer.format(value);
/** Allocation figures are stored in £ thousands, as NHS England publishes them. */
export const formatGbpThousands = (thousands: number) => gbpCompact.format(thousands * 1000);
/** Accepts a Date, an ISO date ("2026-04-01") or an ISO timestamp. */
export const formatDate = (value: Date | string) =>
  dateFormat.format(typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value);

const gbpWhole = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
/** £ per person from an allocation in £ thousands. */
export const formatPerHead = (thousands: number, population: number) => gbpWhole.format((thousands * 1000) / population);
