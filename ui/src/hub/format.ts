// How the pages write sizes, budget amounts, shares of a limit and dates.
import type { Budget, Status } from "./types";

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/** A size in bytes as people read it: "512 B", "12.5 KiB", "1.50 MiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  if (bytes < KIB) return `${Math.round(bytes)} B`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  if (bytes < GIB) return `${(bytes / MIB).toFixed(2)} MiB`;
  return `${(bytes / GIB).toFixed(2)} GiB`;
}

const BYTE_UNITS = new Set(["bytes", "byte", "b"]);

/** A budget amount in its unit: bytes as sizes, anything else as a grouped number and the unit. */
export function formatAmount(value: number, unit: string): string {
  if (BYTE_UNITS.has(unit.toLowerCase())) return formatBytes(value);
  const n = Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return unit ? `${n} ${unit}` : n;
}

/** How much of its limit a budget line uses: the bar's width (0..1), the percentage, over or not. */
export function budgetShare(b: Budget): { fraction: number; percent: number; over: boolean } {
  if (b.limit <= 0) return { fraction: b.used > 0 ? 1 : 0, percent: b.used > 0 ? 100 : 0, over: b.used > 0 };
  const ratio = b.used / b.limit;
  return { fraction: Math.min(1, Math.max(0, ratio)), percent: Math.round(ratio * 100), over: b.used > b.limit };
}

/** The budgets the hub reports today, named as the Studio's export dialog names them. */
const BUDGET_LABELS: Record<string, string> = {
  packageBytes: "Package size",
  textureBytes: "Texture memory",
  particles: "Particles",
  audioSeconds: "Sound length",
  audioBytes: "Sound memory",
};

/** A budget's name as a label: known ones by name, others spelled out ("maxFoo" → "Max foo"). */
export function budgetLabel(name: string): string {
  const known = BUDGET_LABELS[name];
  if (known) return known;
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An RFC 3339 time in the reader's locale; the text itself if it is not a date. */
export function formatDate(iso: string, locale?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(t);
}

export const STATUS_LABELS: Record<Status, string> = {
  pending: "Pending review",
  approved: "Approved",
  rejected: "Rejected",
  yanked: "Yanked",
};

/** The file name a downloaded package is saved as. */
export function zipFileName(name: string, version: string): string {
  return `${name}-${version}.zip`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_");
}
