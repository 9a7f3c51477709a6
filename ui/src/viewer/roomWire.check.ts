// Drift check, at compile time only: the hand-written room types (roomWire.ts) against the
// types generated from the hub's OpenAPI document (src/generated/hub-api.ts, from
// engine/library/src/room.rs). `tsc` fails here when the Rust types change and these do not.

import type { components } from "../generated/hub-api";
import type { Award, ChatLine, Gift, HubToViewer, Joined, RoomInfo, TapOutcome, ViewerMessage } from "./roomWire";

type Schemas = components["schemas"];
/** Compiles only when `A` can be used where `B` is expected. */
type Assignable<A, B> = [A] extends [B] ? true : never;

export const roomWireMatchesTheHub: [
  Assignable<Schemas["Gift"], Gift>,
  Assignable<Gift, Schemas["Gift"]>,
  Assignable<Schemas["Award"], Award>,
  Assignable<Award, Schemas["Award"]>,
  Assignable<ChatLine, Schemas["ChatLine"]>,
  Assignable<RoomInfo, Schemas["RoomInfo"]>,
  Assignable<Joined, Schemas["Joined"]>,
  Assignable<TapOutcome, Schemas["TapOutcome"]>,
  Assignable<Schemas["TapOutcome"], TapOutcome>,
  Assignable<ViewerMessage, Schemas["ViewerMessage"]>,
  Assignable<HubToViewer, Schemas["HubToViewer"]>,
] = [true, true, true, true, true, true, true, true, true, true, true];
