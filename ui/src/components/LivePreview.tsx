import { useEffect, useRef, useState } from "react";
import type { CameraDevice, PreviewSource } from "../generated/ipc";
import { askPaths, one, pickMedia } from "../dialogs";
import { describeError, listCameras } from "../ipc";
import { zoneAt } from "../preview/overlay";
import { frameSink } from "../preview/offscreen";
import type { FrameSink } from "../preview/sink";
import { describeSkips } from "../preview/skips";
import { recentlyFired, setDisplayWidth, setFrameTarget, setOverlay, startLive, stopLive, tapZone } from "../preview/live";
import { type LiveState, isOnAir, store, useStudio } from "../store/store";
import { CaptureButtons, ClipTransport } from "./Transport";

/** Re-render every `ms` while `on` (for indicators that fade with time). */
export function useNow(on: boolean, ms = 250): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(performance.now()), ms);
    return () => clearInterval(t);
  }, [on, ms]);
  return now;
}

function sourceName(s: PreviewSource | null): string {
  if (!s) return "";
  if (s.kind === "camera") return `camera ${s.device}`;
  return s.path.split(/[\\/]/).pop() ?? s.path;
}

/** The readout: fps, engine ms, capture-to-screen latency, tracking. */
export function Readout({ live }: { live: LiveState }) {
  const st = live.stats;
  if (!st) return <span className="muted">{live.status === "starting" ? "starting…" : live.status}</span>;
  const skips = describeSkips(st.skipped);
  const tracking = st.tracking === "running" ? `tracking ${st.trackMs.toFixed(0)} ms` : st.tracking === "error" ? "tracking unavailable" : `tracking ${st.tracking}`;
  return (
    <span className="readout" data-testid="live-readout" title={st.trackingMessage ?? undefined}>
      {st.fps.toFixed(0)} fps · engine {st.renderMs.toFixed(1)} ms · latency {st.latencyMs.toFixed(0)} ms · {tracking} · {st.width}×{st.height}
      {st.shrink > 1 && ` (sent at 1/${st.shrink})`}
      {skips && (
        <span className="skipped" data-testid="skipped" title={skips.tooltip}>
          {" · "}
          {skips.text}
        </span>
      )}
    </span>
  );
}

function SourcePicker({ live }: { live: LiveState }) {
  const [cameras, setCameras] = useState<CameraDevice[] | null>(null);
  const [cameraError, setCameraError] = useState<string | null>(null);
  useEffect(() => {
    listCameras().then(setCameras, (e) => setCameraError(describeError(e)));
  }, []);
  const pick = async (kind: "photo" | "video") => {
    try {
      const [path] = await askPaths(store, {
        kind,
        title: kind === "photo" ? "Preview over a photo" : "Preview over a video clip",
        action: "Preview",
        placeholder: kind === "photo" ? "/home/you/Pictures/face.jpg" : "/home/you/Videos/clip.mp4",
        browse: async () => one(await pickMedia(kind)),
      });
      if (path) await startLive(store, { kind, path });
    } catch (e) {
      store.notifyError(e);
    }
  };
  const running = live.status === "running" || live.status === "starting";
  // While live the panel shows the stream, whose source cannot change.
  const onAir = useStudio((s) => isOnAir(s.goLive));
  const busy = onAir ? "Stop the stream to change the source" : undefined;
  return (
    <div className="row wrap" aria-label="Preview source">
      <button onClick={() => pick("photo")} disabled={onAir} title={busy}>
        Photo…
      </button>
      <button onClick={() => pick("video")} disabled={onAir} title={busy}>
        Video…
      </button>
      {cameras && cameras.length > 0 ? (
        <select aria-label="Camera" value="" onChange={(e) => e.target.value && startLive(store, { kind: "camera", device: e.target.value })}>
          <option value="">Camera…</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      ) : (
        <span className="muted" data-testid="no-camera" title={cameraError ?? undefined}>
          {cameras ? "No camera found: preview over a photo or a video" : cameraError ? "Cameras unavailable" : ""}
        </span>
      )}
      <button onClick={() => stopLive(store)} disabled={!running || onAir} title={busy}>
        Stop
      </button>
      <label className="field check">
        <input type="checkbox" checked={live.overlay} onChange={(e) => setOverlay(store, e.target.checked)} />
        Tracking overlay
      </label>
      <MuteButton />
    </div>
  );
}

/** Silence the preview's sounds and music (they keep their places). */
function MuteButton() {
  const muted = useStudio((s) => s.muted);
  return (
    <button aria-pressed={muted} aria-label={muted ? "Unmute the preview" : "Mute the preview"} title={muted ? "Unmute" : "Mute"} onClick={() => store.set({ muted: !muted })}>
      {muted ? "🔇" : "🔊"}
    </button>
  );
}

/** The engine's rendering of the edited effect over a photo, a video or a camera. */
export function LivePreview({ width, height }: { width: number; height: number }) {
  const live = useStudio((s) => s.live);
  const triggers = useStudio((s) => s.history?.present.triggers ?? []);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sink = useRef<FrameSink | null>(null);
  const now = useNow(live.status === "running");
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const s = frameSink(canvas);
    sink.current = s;
    setFrameTarget(s);
    return () => {
      setFrameTarget(null);
      s.close();
      sink.current = null;
    };
  }, []);
  useEffect(() => setDisplayWidth(width * (window.devicePixelRatio || 1)), [width]);
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const info = sink.current?.drawn;
    if (!info) return;
    const r = e.currentTarget.getBoundingClientRect();
    // The frame's size in output pixels: the picture may have been sent smaller.
    const k = Math.max(1, info.shrink);
    const z = zoneAt(info.zones, ((e.clientX - r.left) / r.width) * info.width * k, ((e.clientY - r.top) / r.height) * info.height * k);
    if (z) tapZone(z.id, z.payload);
  };
  const lit = triggers.filter((t) => recentlyFired(live.fired, t.id, now));
  return (
    <div className="live" data-testid="live-preview">
      <SourcePicker live={live} />
      <div className="live-frame" style={{ width, height }}>
        <canvas ref={canvasRef} data-testid="live-canvas" onClick={onClick} aria-label={`Live preview over ${sourceName(live.source) || "nothing yet"}`} />
        {live.status === "off" && <p className="live-hint muted">Pick a photo, a video or a camera: the engine renders the effect being edited over it.</p>}
      </div>
      {live.clip && <ClipTransport clip={live.clip} name={sourceName(live.source)} />}
      <div className="row wrap">
        <Readout live={live} />
        <CaptureButtons recording={live.recording} running={live.status === "running"} />
      </div>
      {live.message && (
        <p className="error" role="alert" data-testid="live-message">
          {live.message}
        </p>
      )}
      {live.problem && (
        <p className="warn" data-testid="live-problem">
          Not playing the latest edit: {live.problem}
        </p>
      )}
      <div className="row wrap fired-strip" aria-label="Triggers that fired">
        {triggers.map((t) => (
          <span key={t.id} className={`chip${lit.includes(t) ? " fired" : ""}`} data-testid={`fired-${t.id}`} data-fired={lit.includes(t) ? "yes" : "no"}>
            {t.id}
          </span>
        ))}
      </div>
    </div>
  );
}
