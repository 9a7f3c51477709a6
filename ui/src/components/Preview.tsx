import { useCallback, useRef } from "react";
import type { Asset, Orientation } from "../generated/effect";
import { FRAMES, safeRect } from "../geometry/frame";
import { standInFace } from "../geometry/face";
import { layerBox, standInHand } from "../geometry/layout";
import { type AssetView, store, useStudio } from "../store/store";
import { layerAssets } from "../store/usage";
import { LivePreview } from "./LivePreview";
import { PlacementBox } from "./PlacementBox";

/** The largest the frame is drawn, in CSS pixels. */
const MAX_W = 620;
const MAX_H = 560;

/** Width / height of an asset's frames, when known. */
export function assetAspect(asset: Asset | undefined, view: AssetView | undefined): number {
  if (!view?.width || !view.height) return 1;
  if (asset?.type === "sequence" && "spriteSheet" in asset.source) {
    const s = asset.source.spriteSheet;
    return view.width / Math.max(s.columns, 1) / (view.height / Math.max(s.rows, 1));
  }
  return view.width / view.height;
}

/** The frame in one of three shapes, its safe area, stand-ins for a face and a hand, and every layer's box. */
export function Preview() {
  const doc = useStudio((s) => s.history?.present);
  const orientation = useStudio((s) => s.orientation);
  const selection = useStudio((s) => s.selection);
  const mode = useStudio((s) => s.previewMode);
  const views = useStudio((s) => s.assets);
  const frameRef = useRef<HTMLDivElement>(null);
  const frame = FRAMES[orientation];
  const scale = Math.min(MAX_W / frame.width, MAX_H / frame.height);
  const w = frame.width * scale;
  const h = frame.height * scale;
  const toFrame = useCallback((e: { clientX: number; clientY: number }) => {
    const r = frameRef.current?.getBoundingClientRect();
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
  }, []);
  if (!doc) return null;
  const safe = safeRect(w, h, frame.safeInsets);
  const face = standInFace(w, h);
  const hand = standInHand(w, h);
  const looks = doc.layers.filter((l) => l.type === "colorFilter" || l.type === "beauty" || l.type === "background");
  return (
    <section className="panel preview" aria-label="Preview">
      <div className="row" role="radiogroup" aria-label="Preview mode">
        {(["layout", "live"] as const).map((m) => (
          <label key={m} className={`chip${m === mode ? " on" : ""}`}>
            <input type="radio" name="preview-mode" checked={m === mode} onChange={() => store.set({ previewMode: m })} />
            {m === "layout" ? "Layout" : "Live (engine)"}
          </label>
        ))}
      </div>
      <div className="row" role="radiogroup" aria-label="Frame shape">
        {(Object.keys(FRAMES) as Orientation[]).map((o) => (
          <label key={o} className={`chip${o === orientation ? " on" : ""}`}>
            <input type="radio" name="frame" checked={o === orientation} onChange={() => store.set({ orientation: o })} />
            {FRAMES[o].label}
          </label>
        ))}
        <span className="muted">
          {frame.width}×{frame.height} · dashed: safe area
        </span>
      </div>
      {mode === "live" ? (
        <LivePreview width={w} height={h} />
      ) : (
      <div className="frame" ref={frameRef} style={{ width: w, height: h }} onPointerDown={() => store.set({ selection: null })}>
        <svg className="stand-ins" width={w} height={h} aria-hidden>
          <ellipse cx={face.origin.x} cy={face.origin.y + face.size * 0.35} rx={face.size * 0.95} ry={face.size * 1.3} />
          <circle cx={face.origin.x - face.size * 0.38} cy={face.origin.y} r={face.size * 0.08} />
          <circle cx={face.origin.x + face.size * 0.38} cy={face.origin.y} r={face.size * 0.08} />
          <circle cx={hand.origin.x} cy={hand.origin.y} r={hand.size * 0.5} />
        </svg>
        <div className="safe" style={{ left: safe.x, top: safe.y, width: safe.w, height: safe.h }} />
        {doc.layers.map((layer) => {
          const assetId = layerAssets(layer)[0];
          const asset = doc.assets.find((a) => a.id === assetId);
          const view = assetId ? views[assetId] : undefined;
          const lb = layerBox(layer, frame, orientation, scale, assetAspect(asset, view));
          if (!lb) return null;
          return (
            <PlacementBox
              key={layer.id}
              layer={layer}
              lb={lb}
              orientation={orientation}
              selected={selection?.kind === "layer" && selection.id === layer.id}
              imageUrl={layer.type === "text" ? undefined : view?.url}
              toFrame={toFrame}
            />
          );
        })}
        {looks.length > 0 && (
          <div className="looks">
            {looks.map((l) => (
              <button key={l.id} className={l.visible ? "" : "hidden-layer"} onPointerDown={(e) => e.stopPropagation()} onClick={() => store.set({ selection: { kind: "layer", id: l.id } })}>
                {l.type}: {l.id}
              </button>
            ))}
          </div>
        )}
      </div>
      )}
    </section>
  );
}
