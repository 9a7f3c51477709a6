// What a tap on a hot-zone does: a message built from the zone's kind and payload, and a record
// of the catch kept in the browser (localStorage), so a viewer keeps their red packets across
// reloads. A zone is caught at most once while it stays on screen; the log is capped.

import type { HotZone, JsonValue } from "../generated/effect";

export type Catch = {
  id: string;
  kind: string;
  payload: JsonValue | null;
  /** Lantern pts (ms) of the frame the zone was tapped on. */
  pts: number;
  /** Unix ms of the tap. */
  at: number;
  message: string;
  /** In a live room: the hub's award id (the ledger's row), so an award is listed once. */
  award?: number;
};

/** The subset of `Storage` the log uses (tests pass a Map-backed one). */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

export const CATCHES_KEY = "lantern.viewer.catches";
export const CATCHES_CAPACITY = 200;

const KIND_NAMES: Record<string, string> = {
  redPacket: "a red packet",
  product: "a product",
  cup: "a cup",
};

/** The message shown for a tap: "You caught a red packet — ¥5", "You picked Lantern mug — ¥19". */
export function describeCatch(zone: Pick<HotZone, "kind" | "id" | "payload">): string {
  const p = isRecord(zone.payload) ? zone.payload : {};
  const text = (v: JsonValue | undefined) =>
    typeof v === "string" || typeof v === "number" ? String(v) : undefined;
  const name = text(p.name) ?? text(p.label) ?? text(p.title);
  const amount = text(p.amount);
  const details = [
    amount && (/^\d/.test(amount) ? `¥${amount}` : amount),
    text(p.price),
    text(p.message),
  ].filter((d): d is string => !!d);
  let head: string;
  if (zone.kind === "product" && name) {
    head = `You picked ${name}`;
  } else {
    head = `You caught ${KIND_NAMES[zone.kind] ?? (zone.kind ? `a ${zone.kind}` : zone.id)}`;
    if (name) details.unshift(name);
  }
  return details.length > 0 ? `${head} — ${details.join(" · ")}` : head;
}

export class CatchLog {
  private items: Catch[];
  /** Ids caught and still on screen. */
  private readonly live = new Set<string>();

  constructor(
    private readonly store: KeyValueStore | null,
    private readonly key = CATCHES_KEY,
  ) {
    this.items = load(store, key);
  }

  /** Every catch, oldest first. */
  list(): readonly Catch[] {
    return this.items;
  }

  /**
   * Records a tap on `zone` (seen in the frame with Lantern pts `pts`); null if already caught.
   * `award`: the hub's award id, when a room paid it (a repeat, "already" after a reload, is not
   * listed twice).
   */
  record(zone: HotZone, pts: number, now = Date.now(), award?: number): Catch | null {
    if (this.has(zone.id)) return null;
    if (award !== undefined && this.items.some((c) => c.award === award)) {
      this.live.add(zone.id);
      return null;
    }
    const item: Catch = {
      id: zone.id,
      kind: zone.kind,
      payload: zone.payload ?? null,
      pts,
      at: now,
      message: describeCatch(zone),
      ...(award !== undefined ? { award } : {}),
    };
    this.items.push(item);
    this.live.add(zone.id);
    if (this.items.length > CATCHES_CAPACITY) this.items.splice(0, this.items.length - CATCHES_CAPACITY);
    this.save();
    return item;
  }

  /** Whether the zone `id` was caught while it has been on screen. */
  has(id: string): boolean {
    return this.live.has(id);
  }

  /**
   * Forgets caught ids that are no longer on screen (called with each frame's zone ids), so an
   * id the effect reuses for a new sprite can be caught again.
   */
  keepOnly(visibleIds: ReadonlySet<string>): void {
    for (const id of this.live) if (!visibleIds.has(id)) this.live.delete(id);
  }

  private save(): void {
    try {
      this.store?.setItem(this.key, JSON.stringify(this.items));
    } catch {
      // Storage full or blocked (private mode): the catch still counts for this page.
    }
  }
}

function load(store: KeyValueStore | null, key: string): Catch[] {
  try {
    const raw = store?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isCatch).slice(-CATCHES_CAPACITY) : [];
  } catch {
    return [];
  }
}

function isCatch(v: unknown): v is Catch {
  return (
    isRecord(v as JsonValue) &&
    typeof (v as Catch).id === "string" &&
    typeof (v as Catch).kind === "string" &&
    typeof (v as Catch).at === "number"
  );
}

function isRecord(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
