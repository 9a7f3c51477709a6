// Which assets the effect uses, for the library's "unused" warnings and safe removal.
import type { Asset, Effect, Layer } from "../generated/effect";

/** The asset ids a layer draws with. */
export function layerAssets(layer: Layer): string[] {
  switch (layer.type) {
    case "sticker":
    case "faceProp":
    case "handProp":
      return [layer.asset];
    case "particles":
      return [layer.sprite];
    case "text":
      return [layer.font];
    case "colorFilter":
      return [layer.lut];
    case "background":
      return "replace" in layer.mode ? [layer.mode.replace.asset] : [];
    case "beauty":
      return [];
  }
}

/** Asset id → the ids of the layers, triggers (and "script", "music") that use it. */
export function assetUsers(effect: Effect): Map<string, string[]> {
  const users = new Map<string, string[]>(effect.assets.map((a) => [a.id, []]));
  for (const layer of effect.layers) {
    for (const id of layerAssets(layer)) users.get(id)?.push(layer.id);
  }
  if (effect.script) users.get(effect.script)?.push("script");
  if (effect.music) users.get(effect.music.sound)?.push("music");
  for (const t of effect.triggers) {
    for (const a of t.actions) {
      if ((a.do === "playSound" || a.do === "stopSound") && !users.get(a.sound)?.includes(t.id)) users.get(a.sound)?.push(t.id);
    }
  }
  for (const l of effect.layers) {
    if (l.type === "particles" && l.explode?.sprite && l.explode.sprite !== l.sprite) users.get(l.explode.sprite)?.push(l.id);
  }
  return users;
}

/** Assets nothing uses: they are still packed, so the library warns about them. */
export function unusedAssets(effect: Effect): Asset[] {
  const users = assetUsers(effect);
  return effect.assets.filter((a) => (users.get(a.id) ?? []).length === 0);
}

/** The file to show as an asset's thumbnail (the first frame of a numbered sequence). */
export function thumbnailPath(asset: Asset): string | null {
  if (asset.type === "image") return asset.path;
  if (asset.type === "lut" && /\.png$/i.test(asset.path)) return asset.path;
  if (asset.type !== "sequence") return null;
  const s = asset.source;
  if ("frames" in s) {
    const { pattern, start } = s.frames;
    return pattern.replace(/#+/, (run) => String(start).padStart(run.length, "0"));
  }
  if ("gif" in s) return s.gif.path;
  if ("apng" in s) return s.apng.path;
  return s.spriteSheet.path;
}
