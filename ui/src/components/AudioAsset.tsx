// A sound in the asset library: its waveform (decoded in the webview) and a play/stop button.
import { useEffect, useState } from "react";
import { decoded, playSound, stopSound } from "../preview/sound";
import { clock, peaks, waveformPath } from "../preview/waveform";
import { store } from "../store/store";

const W = 120;
const H = 28;

/** The waveform and length of sound `id` once decoded ("…" meanwhile, "?" when it cannot be). */
export function useWaveform(id: string): { path: string; seconds: number } | "loading" | "failed" {
  const [shape, setShape] = useState<{ path: string; seconds: number } | "loading" | "failed">("loading");
  useEffect(() => {
    let gone = false;
    const b = decoded(store, id);
    if (!b) {
      setShape("failed");
      return;
    }
    b.then(
      (buf) => {
        const channels = Array.from({ length: buf.numberOfChannels }, (_, c) => buf.getChannelData(c));
        if (!gone) setShape({ path: waveformPath(peaks(channels, 48), W, H), seconds: buf.duration });
      },
      () => !gone && setShape("failed"),
    );
    return () => {
      gone = true;
    };
  }, [id]);
  return shape;
}

export function AudioAsset({ id }: { id: string }) {
  const shape = useWaveform(id);
  const [playing, setPlaying] = useState(false);
  const key = `audition:${id}`;
  useEffect(() => () => stopSound(key), [key]);
  const toggle = () => {
    if (playing) {
      stopSound(key);
      setPlaying(false);
    } else {
      setPlaying(true);
      void playSound(store, id, 1, false, key, () => setPlaying(false));
    }
  };
  return (
    <span className="audio-asset row" data-testid={`waveform-${id}`}>
      <button aria-label={playing ? `Stop ${id}` : `Play ${id}`} onClick={toggle}>
        {playing ? "■" : "▶"}
      </button>
      <svg className="waveform" width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        {typeof shape === "object" && <path d={shape.path} />}
      </svg>
      <span className="muted">{typeof shape === "object" ? clock(shape.seconds) : shape === "loading" ? "…" : "cannot decode"}</span>
    </span>
  );
}
