// The live room's wire types as the viewer sees them. They mirror engine/library/src/room.rs
// (`lantern_library::room`) by hand: JSON with a `type` tag and camelCase fields, an `Option`
// as `null` when absent, integers (u32, u64, i64) as numbers.
//
// They will be replaced by the types generated from the hub's OpenAPI document
// (src/generated/hub-api.ts, as src/hub/types.ts does); every name here is the Rust name, so
// the swap is one line per type (`export type RoomInfo = Schemas["RoomInfo"]`).

/** A gift viewers can send (virtual; the room defines the list). */
export type Gift = {
  /** Short id (`rocket`): the effect hears `gift:rocket`. */
  id: string;
  name: string;
  /** In the room's virtual coins. */
  price: number;
};

/** A room as anyone sees it (`GET /api/rooms/{id}`). */
export type RoomInfo = {
  id: string;
  name: string;
  gifts: Gift[];
  /** The stream's HLS address, when known. */
  hls: string | null;
  /** A push is connected. */
  live: boolean;
  /** Viewers connected to this hub instance. */
  viewers: number;
  /** Likes since the room opened. */
  likesTotal: number;
};

/** One award paid: a viewer caught a zone. */
export type Award = {
  id: number;
  viewer: string;
  /** The push run the zone belongs to (zone ids restart with each run). */
  session: string;
  zone: string;
  kind: string;
  amount: number;
  /** The pts of the frame the viewer tapped. */
  pts: number;
  /** RFC 3339. */
  at: string;
};

/** `POST /api/rooms/{id}/join`: who this browser is in the room (also set as a signed cookie). */
export type Joined = {
  viewer: string;
  nick: string;
  room: RoomInfo;
};

/** What became of a tap. */
export type TapOutcome = "caught" | "already" | "tapped" | "gone" | "refused";

/** A viewer → the hub. `seq` is the viewer's own counter: the answer carries it back. */
export type ViewerMessage =
  /** A tap on zone `zone` in the frame with Lantern pts `pts`, at (`x`, `y`) in that frame's pixels. */
  | { type: "tap"; seq: number; zone: string; pts: number; x: number; y: number }
  /** 1–10 (a burst of hearts). */
  | { type: "like"; count: number }
  | { type: "chat"; seq: number; text: string }
  | { type: "gift"; seq: number; gift: string };

/** The hub → a viewer. */
export type HubToViewer =
  /** First message on each connection; `chat` is the last lines, oldest first. */
  | { type: "welcome"; viewer: string; nick: string; room: RoomInfo; chat: ChatLine[] }
  /** `award` when caught or already; `reason` (a sentence) when refused or gone. */
  | { type: "tap"; seq: number; outcome: TapOutcome; award: Award | null; reason: string | null }
  /** A chat line or gift was accepted. */
  | { type: "ack"; seq: number }
  /** The room since the last one (every ≤ 500 ms while something happens). */
  | { type: "room"; viewers: number; likesTotal: number; live: boolean; chat: ChatLine[] }
  /** A message refused (too fast, too big, unknown gift); `seq` when it had one. */
  | { type: "error"; seq: number | null; code: string; message: string };

/** A line of chat as everyone sees it: plain text (shown with textContent, never as HTML). */
export type ChatLine = {
  nick: string;
  text: string;
  /** A gift's id when the line announces one. */
  gift: string | null;
  /** Unix ms. */
  at: number;
};

/** The longest chat line, characters (`MAX_CHAT_CHARS`). */
export const MAX_CHAT_CHARS = 200;
