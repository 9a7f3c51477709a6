// Taps in a live room: the hub decides what a tap is worth, so a zone counts as caught only when
// the hub says `caught` or `already` (never on the tap itself, as the standalone viewer does),
// and the toast tells its answer. One tap per zone is in flight at a time: a finger resting on a
// falling packet fires several pointerdowns, the hub needs to hear only one.

import type { HotZone } from "../generated/effect";
import { describeCatch, type CatchLog } from "./catches";
import type { RoomClient, TapAnswer } from "./room";
import type { Award } from "./roomWire";

export type LastTap = TapAnswer & { zone: string };

/** The amount as the toast shows it: "¥5", "¥0.5" (the ledger's f64, rounded to cents). */
export function money(amount: number): string {
  return `¥${Math.round(amount * 100) / 100}`;
}

/** The zone as the hub paid it: its kind, and the award's amount in place of the payload's. */
export function awardedZone(zone: HotZone, award: Award): HotZone {
  const payload = zone.payload && typeof zone.payload === "object" && !Array.isArray(zone.payload) ? zone.payload : {};
  return { ...zone, kind: award.kind || zone.kind, payload: { ...payload, amount: Math.round(award.amount * 100) / 100 } };
}

/** The toast for the hub's answer to a tap on `zone`. */
export function describeTapAnswer(zone: HotZone, answer: TapAnswer): string {
  switch (answer.outcome) {
    case "caught":
      return describeCatch(answer.award ? awardedZone(zone, answer.award) : zone);
    case "already":
      return answer.award ? `Already caught — ${money(answer.award.amount)}` : "Already caught";
    case "gone":
      return "Too late: all taken";
    case "refused":
      return answer.reason || "That tap did not count";
    case "tapped":
      return "Tapped";
  }
}

export class RoomTaps {
  /** The hub's last answer (for `window.lanternViewer.room`). */
  last: LastTap | null = null;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly client: Pick<RoomClient, "tap">,
    private readonly catches: CatchLog,
    /** Shows a message (the toast). */
    private readonly say: (message: string) => void,
    /** Called after an answer, to redraw the zones and the count. */
    private readonly changed: () => void,
  ) {}

  /** Sends a tap on `zone` at (`x`, `y`) in the pixels of the frame with pts `pts`. */
  async tap(zone: HotZone, pts: number, x: number, y: number): Promise<void> {
    if (this.inFlight.has(zone.id) || this.catches.has(zone.id)) return;
    this.inFlight.add(zone.id);
    // The finger was on the zone's button, so the point is in its rect; mapping it back to frame
    // pixels can land a hair outside at an edge, and the hub checks the rect exactly.
    const { rect } = zone;
    const fx = Math.min(Math.max(x, rect.x), rect.x + rect.w);
    const fy = Math.min(Math.max(y, rect.y), rect.y + rect.h);
    try {
      const answer = await this.client.tap(zone.id, pts, fx, fy);
      this.last = { zone: zone.id, ...answer };
      const { award } = answer;
      if ((answer.outcome === "caught" || answer.outcome === "already") && award) {
        this.catches.record(awardedZone(zone, award), award.pts, Date.now(), award.id);
      }
      this.say(describeTapAnswer(zone, answer));
    } catch (e) {
      this.say(e instanceof Error ? e.message : String(e));
    } finally {
      this.inFlight.delete(zone.id);
      this.changed();
    }
  }
}
