// One preview frame from the Rust side (src-tauri/src/preview/message.rs): a binary message,
// "LPV1" | u32 n | n bytes of JSON (FrameInfo) | zero padding to 4 | width*height*4 bytes RGBA.
import type { FrameInfo } from "../generated/ipc";

export interface DecodedFrame {
  info: FrameInfo;
  /** The picture, or null for a message without one (an error, a last word). */
  pixels: Uint8ClampedArray | null;
}

const MAGIC = [0x4c, 0x50, 0x56, 0x31]; // "LPV1"

/** Splits a message into its header and pixels (a view on the same buffer, no copy). */
export function decodeFrame(buffer: ArrayBuffer): DecodedFrame {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error("not a preview frame message");
  const n = new DataView(buffer).getUint32(4, true);
  if (8 + n > bytes.length) throw new Error("preview frame message cut short");
  const info = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as FrameInfo;
  const start = 8 + n + ((4 - (n % 4)) % 4);
  const size = info.width * info.height * 4;
  if (size === 0) return { info, pixels: null };
  if (start + size > bytes.length) throw new Error(`preview frame: ${info.width}x${info.height} needs ${size} bytes of pixels`);
  return { info, pixels: new Uint8ClampedArray(buffer, start, size) };
}

/** The same layout, built in JavaScript (tests, the browser end-to-end test's stand-in backend). */
export function encodeFrame(info: FrameInfo, rgba: Uint8Array = new Uint8Array(0)): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(info));
  const pad = (4 - (json.length % 4)) % 4;
  const out = new Uint8Array(8 + json.length + pad + rgba.length);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(rgba, 8 + json.length + pad);
  return out.buffer;
}
