// Under the live preview: the video transport (play/pause, a scrub bar, the time, loop, the clip's
// name) when the preview plays over a video file, and the capture buttons (a screenshot, a
// recording at the engine's full output size) whenever it runs.
import { useEffect, useRef, useState } from "react";
import type { ClipStatus, RecordingStatus } from "../generated/ipc";
import { pickCapturePath } from "../dialogs";
import * as ipc from "../ipc";
import { joinPath } from "../paths";
import { store, useStudio } from "../store/store";

/** `m:ss.t` for a time in ms. */
export function clock(ms: number): string {
  const tenths = Math.max(0, Math.floor(ms / 100));
  const s = Math.floor(tenths / 10);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}.${tenths % 10}`;
}

const send = (request: Parameters<typeof ipc.previewTransport>[0]) => ipc.previewTransport(request).catch((e) => store.notifyError(e));

/** Play/pause, scrub, loop and the clip's name. */
export function ClipTransport({ clip, name }: { clip: ClipStatus; name: string }) {
  // While the thumb is held the bar shows where it is, not where the preview has got to.
  const [held, setHeld] = useState<number | null>(null);
  const duration = clip.durationMs ?? 0;
  const at = held ?? clip.positionMs;
  return (
    <div className="row wrap transport" aria-label="Video transport" data-testid="transport">
      <button onClick={() => send({ playing: !clip.playing })} aria-label={clip.playing ? "Pause" : "Play"} title={clip.playing ? "Pause the clip (the effect keeps playing)" : "Play the clip"}>
        {clip.playing ? "❚❚" : "▶"}
      </button>
      <input
        type="range"
        aria-label="Position in the clip"
        min={0}
        max={Math.max(duration, 1)}
        step={10}
        value={Math.min(at, Math.max(duration, 1))}
        disabled={!duration}
        onChange={(e) => {
          const ms = Number(e.target.value);
          setHeld(ms);
          void send({ seekMs: ms });
        }}
        onPointerUp={() => setHeld(null)}
        onKeyUp={() => setHeld(null)}
        onBlur={() => setHeld(null)}
      />
      <span className="muted time" data-testid="clip-time">
        {clock(at)}
        {duration > 0 && ` / ${clock(duration)}`}
      </span>
      <label className="field check">
        <input type="checkbox" checked={clip.looping} onChange={(e) => send({ looping: e.target.checked })} />
        Loop
      </label>
      <span className="muted clip-name" title={name}>
        {name}
      </span>
    </div>
  );
}

/** A file name for a capture taken now: `<project>-<yyyymmdd-hhmmss>.<ext>`. */
export function captureName(project: string, ext: string, now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  const base = project.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "") || "preview";
  return `${base}-${stamp}.${ext}`;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Screenshot and record buttons, with the recording's time while it runs. */
export function CaptureButtons({ recording, running }: { recording: RecordingStatus | null; running: boolean }) {
  const dir = useStudio((s) => s.project?.dir ?? "");
  const name = useStudio((s) => s.history?.present.meta.name ?? "preview");
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      store.notifyError(e);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const screenshot = () =>
    run(async () => {
      const path = await pickCapturePath("snapshot", joinPath(dir, captureName(name, "png")));
      if (!path) return;
      const shot = await ipc.previewSnapshot(path);
      store.notify("info", `Saved a ${shot.width}×${shot.height} screenshot: ${shot.path}`);
    });
  const record = () =>
    run(async () => {
      if (recording) {
        const done = await ipc.previewRecordStop();
        const dropped = done.dropped ? ` (${done.dropped} frames dropped: the encoder fell behind)` : "";
        store.notify("info", `Recorded ${done.frames} frames, ${megabytes(done.bytes)}: ${done.path}${dropped}`);
        return;
      }
      const path = await pickCapturePath("recording", joinPath(dir, captureName(name, "mp4")));
      if (path) await ipc.previewRecordStart(path);
    });
  return (
    <div className="row wrap" aria-label="Capture the preview">
      <button onClick={screenshot} disabled={!running || busy} title="Save the next frame as a PNG at the effect's full size">
        Screenshot…
      </button>
      <button onClick={record} disabled={!running || busy} className={recording ? "recording" : undefined} title={recording ? `Recording to ${recording.path}` : "Record the preview to an MP4 at the effect's full size"}>
        {recording ? `Stop recording (${clock(recording.seconds * 1000)})` : "Record…"}
      </button>
    </div>
  );
}
