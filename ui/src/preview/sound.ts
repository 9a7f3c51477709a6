// The Studio's speakers: sounds of the effect decoded once per asset with WebAudio, played as
// the preview's frames cue them (trigger actions, the script), the background music started with
// the preview (looping, fading in and out), the asset library's audition, and the mute switch.
import type { Music } from "../generated/effect";
import type { SoundEvent } from "../generated/ipc";
import * as ipc from "../ipc";
import type { Store } from "../store/store";

let context: AudioContext | null = null;
let master: GainNode | null = null;
/** Decoded sounds by project file (`dir` + path): each file is read and decoded once. */
const buffers = new Map<string, Promise<AudioBuffer>>();
/** Sounds playing, by asset id ("" = the music; "audition:<id>" = the library's). */
const playing = new Map<string, { source: AudioBufferSourceNode; gain: GainNode; timer?: ReturnType<typeof setTimeout> }>();

/** The audio context (made on first use; none where WebAudio is missing, as in unit tests). */
export function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    const ctx = new Ctor();
    master = ctx.createGain();
    master.connect(ctx.destination);
    context = ctx;
  } catch {
    // No audio device (a headless machine): the Studio works on, silent.
    return null;
  }
  return context;
}

export function setMuted(muted: boolean): void {
  if (audio() && master) master.gain.value = muted ? 0 : 1;
}

/** The asset's decoded sound (read from the project and decoded once). */
export function decoded(s: Store, id: string): Promise<AudioBuffer> | null {
  const ctx = audio();
  const dir = s.get().project?.dir;
  const asset = s.doc()?.assets.find((a) => a.id === id);
  if (!ctx || !dir || asset?.type !== "audio") return null;
  const key = `${dir}\n${asset.path}`;
  let b = buffers.get(key);
  if (!b) {
    b = ipc.readProjectFile(dir, asset.path).then((bytes) => ctx.decodeAudioData(bytes));
    // A failure is not cached: the file may be fixed and the sound tried again.
    b.catch(() => buffers.delete(key));
    buffers.set(key, b);
  }
  return b;
}

export function stopSound(key: string): void {
  const p = playing.get(key);
  if (!p) return;
  playing.delete(key);
  clearTimeout(p.timer);
  try {
    p.source.stop();
  } catch {
    // Already ended.
  }
  p.gain.disconnect();
}

/** Start `id` (restarting it if it plays); `onEnded` when it stops by itself. */
export async function playSound(s: Store, id: string, volume: number, loop: boolean, key = id, onEnded?: () => void): Promise<void> {
  const ctx = audio();
  const buffer = await decoded(s, id)?.catch((e) => {
    s.notifyError(e, `Could not play the sound “${id}”`);
    return null;
  });
  if (!ctx || !master || !buffer) return;
  stopSound(key);
  if (ctx.state === "suspended") await ctx.resume().catch(() => undefined);
  const gain = ctx.createGain();
  gain.gain.value = volume;
  gain.connect(master);
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  source.loop = loop;
  source.connect(gain);
  source.onended = () => {
    if (playing.get(key)?.source !== source) return;
    playing.delete(key);
    gain.disconnect();
    onEnded?.();
  };
  playing.set(key, { source, gain });
  source.start();
}

/** Play what a preview frame cued. */
export function cueSounds(s: Store, cues: SoundEvent[] | undefined): void {
  for (const c of cues ?? []) {
    if (c.cue === "play") void playSound(s, c.sound, c.volume, c.loop);
    else stopSound(c.sound);
  }
}

const MUSIC = "";

/**
 * Start the background music: it rises from silence over `fadeIn`, falls to silence over the
 * last `fadeOut` seconds of each pass, and starts again at the end when it loops.
 */
export async function startMusic(s: Store, music: Music): Promise<void> {
  const ctx = audio();
  const buffer = await decoded(s, music.sound)?.catch(() => null);
  if (!ctx || !master || !buffer) return;
  stopSound(MUSIC);
  const pass = (at: number, first: boolean) => {
    const gain = ctx.createGain();
    const g = gain.gain;
    const dur = buffer.duration;
    const fadeIn = first ? Math.min(music.fadeIn, dur) : 0;
    g.setValueAtTime(fadeIn > 0 ? 0 : music.volume, at);
    if (fadeIn > 0) g.linearRampToValueAtTime(music.volume, at + fadeIn);
    const fadeOut = Math.min(music.fadeOut, dur - fadeIn);
    if (fadeOut > 0) {
      g.setValueAtTime(music.volume, at + dur - fadeOut);
      g.linearRampToValueAtTime(0, at + dur);
    }
    gain.connect(master!);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    // Without a fade-out a loop is seamless; with one each pass is scheduled at the last's end.
    source.loop = music.loop && fadeOut <= 0;
    source.connect(gain);
    source.start(at);
    const entry: { source: AudioBufferSourceNode; gain: GainNode; timer?: ReturnType<typeof setTimeout> } = { source, gain };
    if (music.loop && !source.loop) {
      entry.timer = setTimeout(() => playing.get(MUSIC)?.source === source && pass(at + dur, false), Math.max(0, (at + dur - ctx.currentTime - 0.5) * 1000));
    }
    const old = playing.get(MUSIC);
    if (old) setTimeout(() => old.gain.disconnect(), Math.max(0, (at - ctx.currentTime) * 1000) + 100);
    playing.set(MUSIC, entry);
  };
  if (ctx.state === "suspended") await ctx.resume().catch(() => undefined);
  pass(ctx.currentTime + 0.05, true);
}

/** Stop every sound the preview started (the library's audition plays on). */
export function stopPreviewSounds(): void {
  for (const key of [...playing.keys()]) if (!key.startsWith("audition:")) stopSound(key);
}

/**
 * Keep the preview's music and mute switch in step with the store: the music starts when the
 * preview runs (and again when it is changed), everything stops when it stops.
 */
export function watchSound(s: Store): () => void {
  let running = false;
  let music: Music | undefined;
  let muted: boolean | null = null;
  return s.subscribe(() => {
    const st = s.get();
    if (st.muted !== muted) {
      muted = st.muted;
      setMuted(muted);
    }
    const now = st.live.status === "running";
    const next = st.history?.present.music;
    if (now === running && (!now || JSON.stringify(next) === JSON.stringify(music))) return;
    running = now;
    music = next;
    if (!now) stopPreviewSounds();
    else if (next) void startMusic(s, next);
    else stopSound(MUSIC);
  });
}
