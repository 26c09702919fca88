// The app's number and date formats, the same on the server and in the browser. Amounts of money
// are written out by hand: Intl's currency and compact notations differ between Node's and the
// browser's ICU ("£4bn" against "£4.0bn"), which breaks hydration of client components.
const integer = new Intl.NumberFormat("en-GB");
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export const formatInteger = (value: number) => integer.format(value);

/** "3 bodies", "1 body" */
export const plural = (n: number, one: string, many = `${one}s`) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** Whole pounds: "£1,250,000". */
export const formatGbp = (pounds: number) => `£${formatInteger(Math.round(pounds))}`;

/** Pounds in compact form: "£6.3bn", "£250m", "£12k", "£900". */
export function formatGbpCompact(pounds: number): string {
  const oneDecimal = (value: number) => String(Number(value.toFixed(1)));
  if (pounds >= 1e9) return `£${oneDecimal(pounds / 1e9)}bn`;
  if (pounds >= 1e6) return `£${oneDecimal(pounds / 1e6)}m`;
  if (pounds >= 1e3) return `£${oneDecimal(pounds / 1e3)}k`;
  return formatGbp(pounds);
}

/** Allocation figures are stored in £ thousands, as NHS England publishes them. */
export const formatGbpThousands = (thousands: number) => formatGbpCompact(thousands * 1000);

const ukIsoDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** The date in the UK at `when`, ISO "2026-12-01". */
export const ukDateIso = (when: Date) => ukIsoDay.format(when);

/** Today's date in the UK, ISO "2026-12-01": what decides whether a close or start date has come. */
export const todayIso = () => ukDateIso(new Date());

/** Accepts a Date, an ISO date ("2026-04-01") or an ISO timestamp. */
export const formatDate = (value: Date | string) =>
  dateFormat.format(typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value);

const monthFormats = {
  long: new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
  short: new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }),
};

/** "2026-04" -> "April 2026" (or "Apr 2026"): the month a registered-patient count describes. */
export const formatMonth = (month: string, style: keyof typeof monthFormats = "long") => monthFormats[style].format(new Date(`${month}-01T00:00:00Z`));

