// The viewer in a live room (`viewer.html?room=ID`): joins (again and again while the hub is
// unreachable or failing, not when it says no such room), then the RoomClient keeps the socket
// up; the panel shows the room and RoomTaps sends the taps. `onRoom` hears every RoomInfo (on
// join and with each welcome) so the page can start playing once the room has an HLS address.

import type { CatchLog } from "./catches";
import { reconnectDelay, RoomClient, RoomError, type ConnectionState } from "./room";
import { RoomPanel } from "./roomPanel";
import { RoomTaps, type LastTap } from "./roomTaps";
import type { RoomInfo } from "./roomWire";

/** What `window.lanternViewer.room` shows. */
export type RoomSnapshot = {
  viewer: string | null;
  nick: string | null;
  state: ConnectionState;
  lastTap: LastTap | null;
};

export type RoomSession = {
  client: RoomClient;
  taps: RoomTaps;
  snapshot(): RoomSnapshot;
};

export type RoomHooks = {
  catches: CatchLog;
  /** Shows a message (the toast). */
  say(message: string): void;
  /** After a tap's answer: redraw zones and the count. */
  changed(): void;
  onRoom(room: RoomInfo): void;
  /** Joining failed for good (no such room). */
  onJoinFailed(message: string): void;
};

export function openRoom(id: string, hooks: RoomHooks): RoomSession {
  const client = new RoomClient(id);
  const panel = new RoomPanel(client);
  const taps = new RoomTaps(client, hooks.catches, hooks.say, hooks.changed);
  client.on("welcome", (w) => hooks.onRoom(w.room));
  void join(client, panel, hooks);
  return {
    client,
    taps,
    snapshot: () => ({
      viewer: client.viewer,
      nick: client.nick,
      state: client.state,
      lastTap: taps.last ? { ...taps.last } : null,
    }),
  };
}

async function join(client: RoomClient, panel: RoomPanel, hooks: RoomHooks): Promise<void> {
  panel.setStatus("Joining…", "joining");
  for (let attempt = 0; ; attempt++) {
    try {
      const joined = await client.join();
      panel.setRoom(joined.room);
      hooks.onRoom(joined.room);
      return;
    } catch (e) {
      const error = e instanceof RoomError ? e : new RoomError("join", String(e));
      // Unreached, overloaded or restarting: try again. A 4xx (no such room) will not change.
      const retry = error.status === undefined || error.status >= 500 || error.status === 429;
      panel.setStatus(retry ? `${error.message} Retrying…` : error.message, "failed");
      if (!retry) return hooks.onJoinFailed(error.message);
      await new Promise((resolve) => window.setTimeout(resolve, reconnectDelay(attempt)));
    }
  }
}
