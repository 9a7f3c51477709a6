import { useState } from "react";
import type { PreviewSource } from "../generated/ipc";
import { type GoLiveForm, formatDuration, goLive, loadSettings, rememberedKey, sendCommand, setGameplay, stopGoLive } from "../preview/golive";
import { outputSize } from "../preview/live";
import { type GoLiveState, isOnAir, store, useStudio } from "../store/store";
import { useNow } from "./LivePreview";

/** What the push reads pictures from. */
export function inputName(s: PreviewSource | null): string {
  if (!s) return "the test pattern (pick a photo, a video or a camera in the live preview to use it)";
  if (s.kind === "camera") return `camera ${s.device}`;
  return `the ${s.kind} ${s.path.split(/[\\/]/).pop() ?? s.path}`;
}

/** One line about where the push is. */
export function statusLine(g: GoLiveState, now = Date.now()): string {
  switch (g.status) {
    case "off":
      return "Not live.";
    case "connecting":
      return "Connecting…";
    case "live":
      return `Live to ${g.url ?? "the server"} for ${formatDuration(now - (g.since ?? now))}.`;
    case "reconnecting":
      return `Reconnecting${g.attempt ? ` (attempt ${g.attempt})` : ""}: the stream resumes when the server answers.`;
    case "ended":
      return "The stream ended.";
    case "failed":
      return "Not live.";
  }
}

/** The push's figures in one line. */
export function statsLine(g: GoLiveState): string {
  const st = g.stats;
  if (!st) return "";
  return `${st.fpsOut.toFixed(0)} fps · ${st.kbps.toFixed(0)} kbit/s · ${st.dropped} dropped · ${st.reconnects} reconnects`;
}

/** Go live from the export dialog: server URL + stream key, fps, bitrate; Go live / Stop. */
export function GoLivePanel({ valid }: { valid: boolean }) {
  const dir = useStudio((s) => s.project?.dir ?? "");
  const g = useStudio((s) => s.goLive);
  const source = useStudio((s) => s.live.source);
  const orientation = useStudio((s) => s.orientation);
  const [form, setForm] = useState<GoLiveForm>(() => ({ ...loadSettings(dir), key: rememberedKey() }));
  const [starting, setStarting] = useState(false);
  const onAir = isOnAir(g) || starting;
  const { width, height } = outputSize(orientation);
  const set = (patch: Partial<GoLiveForm>) => setForm((f) => ({ ...f, ...patch }));
  const start = async () => {
    setStarting(true);
    try {
      await goLive(store, form);
    } finally {
      setStarting(false);
    }
  };
  return (
    <section className="golive" aria-label="Go live">
      <h3>Go live</h3>
      <p className="muted">
        Pushes the effect as edited now over {inputName(source)} at {width}×{height}, H.264 + AAC with the hot-zone SEI. Edits made while live apply the next time you go live.
      </p>
      <label>
        Server URL
        <input aria-label="Server URL" placeholder="rtmp://live.example.com/app" value={form.url} disabled={onAir} onChange={(e) => set({ url: e.target.value })} />
      </label>
      <label>
        Stream key
        <input aria-label="Stream key" type="password" autoComplete="off" placeholder="from your platform (never saved)" value={form.key} disabled={onAir} onChange={(e) => set({ key: e.target.value })} />
      </label>
      <span className="row">
        <label>
          Frames per second
          <input aria-label="Frames per second" type="number" min={1} max={60} value={form.fps} disabled={onAir} onChange={(e) => set({ fps: Number(e.target.value) })} />
        </label>
        <label>
          Video kbit/s
          <input aria-label="Video kbit/s" type="number" min={100} max={50000} step={100} value={form.videoKbps} disabled={onAir} onChange={(e) => set({ videoKbps: Number(e.target.value) })} />
        </label>
      </span>
      <p role="status" data-testid="golive-status">
        {statusLine(g)} {statsLine(g)}
      </p>
      {g.message && (
        <p role="alert" className="error" data-testid="golive-error">
          {g.message}
        </p>
      )}
      <div className="row end">
        {onAir ? (
          <button className="danger" onClick={() => stopGoLive(store)}>
            Stop streaming
          </button>
        ) : (
          <button className="primary" disabled={!valid || !form.url.trim() || starting} title={valid ? undefined : "Fix the problems above first"} onClick={start}>
            Go live
          </button>
        )}
      </div>
    </section>
  );
}

/** In the toolbar while live: LIVE, the duration, the figures, gameplay, a host command, Stop. */
export function LiveBadge() {
  const g = useStudio((s) => s.goLive);
  const onAir = isOnAir(g);
  useNow(onAir, 1000);
  const [command, setCommand] = useState("");
  const [args, setArgs] = useState("");
  if (!onAir) return null;
  const label = g.status === "live" ? `LIVE ${formatDuration(Date.now() - (g.since ?? Date.now()))}` : g.status === "connecting" ? "CONNECTING…" : `RECONNECTING${g.attempt ? ` (${g.attempt})` : ""}`;
  const send = async () => {
    if (await sendCommand(store, command, args)) store.notify("info", `Sent the command "${command.trim()}" to the effect.`);
  };
  return (
    <span className="row live-bar" aria-label="Live">
      <span className={`live-badge on-${g.status}`} data-testid="live-badge" title={g.url ?? undefined}>
        {label}
      </span>
      <span className="muted" data-testid="live-stats" data-first-packet-ms={g.stats?.firstPacketMs?.toFixed(0)} data-preview-fps={g.stats?.previewFps.toFixed(0)}>
        {statsLine(g)}
      </span>
      {g.status !== "connecting" && (
        <>
          <label className="field check" title="Run or pause the effect's gameplay script on the stream">
            <input type="checkbox" aria-label="Gameplay" checked={g.gameplay} onChange={(e) => setGameplay(store, e.target.checked)} />
            Gameplay
          </label>
          <input aria-label="Host command" placeholder="command" size={10} value={command} onChange={(e) => setCommand(e.target.value)} />
          <input aria-label="Command arguments" placeholder='{"args"}' size={8} value={args} onChange={(e) => setArgs(e.target.value)} />
          <button onClick={send} disabled={!command.trim()}>
            Send
          </button>
        </>
      )}
      <button className="danger" onClick={() => stopGoLive(store)}>
        Stop
      </button>
    </span>
  );
}
