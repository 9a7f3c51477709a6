import { useRef } from "react";
import type { Layer, Orientation, Vec2 } from "../generated/effect";
import type { LayerBox } from "../geometry/layout";
import { dragPosition, rotateBy, round, scaleBy } from "../geometry/manipulate";
import { resolvePlacement } from "../geometry/frame";
import { updateLayer } from "../store/edits";
import { quoted } from "../store/labels";
import { patchPlacement } from "../store/placement";
import { store } from "../store/store";
import { EmitterGlyph } from "./EmitterGlyph";

type Mode = "move" | "scale" | "rotate";

interface Gesture {
  mode: Mode;
  from: Vec2;
  layer: Layer;
  key: string;
  /** The undo step's name: "Move layer “hat”". */
  label: string;
}

const VERBS: Record<Mode, string> = { move: "Move", scale: "Resize", rotate: "Rotate" };

let gestureSerial = 0;

/** The layer after moving the pointer from `g.from` to `to` in mode `g.mode`. */
export function manipulate(g: Gesture, to: Vec2, lb: LayerBox, o: Orientation, snap: boolean): Layer {
  const l = g.layer;
  const pivot = { x: lb.box.cx, y: lb.box.cy };
  if (l.type === "sticker" || l.type === "text" || l.type === "particles") {
    if (lb.mode !== "frame") return l;
    const p = resolvePlacement(l.placement, o);
    const patch =
      g.mode === "move" ? { position: dragPosition(p.position, g.from, to, lb.ref) }
      : g.mode === "scale" ? { width: scaleBy(p.width, pivot, g.from, to) }
      : { rotation: rotateBy(p.rotation, pivot, g.from, to, snap ? 15 : 0) };
    return { ...l, placement: patchPlacement(l.placement, o, patch) };
  }
  if (l.type === "faceProp" || l.type === "handProp") {
    if (lb.mode !== "anchored") return l;
    if (g.mode === "move") {
      const offset = {
        x: round(l.offset.x + (to.x - g.from.x) / lb.unit),
        y: round(l.offset.y + (to.y - g.from.y) / lb.unit),
      };
      return { ...l, offset };
    }
    if (g.mode === "scale") return { ...l, scale: scaleBy(l.scale, pivot, g.from, to) };
    return { ...l, rotation: rotateBy(l.rotation, pivot, g.from, to, snap ? 15 : 0) };
  }
  return l;
}

/** A layer's box in the preview: drag to move, the corner to scale, the knob to rotate. */
export function PlacementBox(props: {
  layer: Layer;
  lb: LayerBox;
  orientation: Orientation;
  selected: boolean;
  imageUrl?: string;
  /** Converts a pointer event to frame-display pixels. */
  toFrame: (e: { clientX: number; clientY: number }) => Vec2;
}) {
  const { layer, lb, selected } = props;
  const gesture = useRef<Gesture | null>(null);
  const { box } = lb;
  const start = (mode: Mode) => (e: React.PointerEvent) => {
    e.stopPropagation();
    e.preventDefault();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    store.set({ selection: { kind: "layer", id: layer.id } });
    const key = `${layer.id}.${mode}.${++gestureSerial}`;
    gesture.current = { mode, from: props.toFrame(e), layer, key, label: `${VERBS[mode]} layer ${quoted(layer.id)}` };
  };
  const move = (e: React.PointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    const next = manipulate(g, props.toFrame(e), lb, props.orientation, e.shiftKey);
    store.edit((doc) => updateLayer(doc, layer.id, () => next), { label: g.label, gesture: g.key });
  };
  const end = () => {
    gesture.current = null;
    store.endGesture();
  };
  const opacity = layer.type === "sticker" ? layer.opacity : 1;
  return (
    <div
      className={`box${selected ? " selected" : ""}${layer.visible ? "" : " hidden-layer"}`}
      data-testid={`box-${layer.id}`}
      style={{
        left: box.cx - box.pivot.x * box.w,
        top: box.cy - box.pivot.y * box.h,
        width: box.w,
        height: box.h,
        transformOrigin: `${box.pivot.x * 100}% ${box.pivot.y * 100}%`,
        transform: `rotate(${box.rotation}deg)`,
      }}
      onPointerDown={start("move")}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
      title={`${layer.id}${layer.visible ? "" : " (hidden at start)"}`}
    >
      {layer.type === "particles" ? (
        <EmitterGlyph layer={layer} w={box.w} h={box.h} rotation={box.rotation} spriteUrl={props.imageUrl} />
      ) : props.imageUrl ? (
        <img src={props.imageUrl} alt="" draggable={false} style={{ opacity }} />
      ) : (
        <span className="box-label">{layer.type === "text" ? layer.template : layer.id}</span>
      )}
      {selected && (
        <>
          <span className="handle scale" data-testid="handle-scale" onPointerDown={start("scale")} onPointerMove={move} onPointerUp={end} />
          <span className="handle rotate" data-testid="handle-rotate" onPointerDown={start("rotate")} onPointerMove={move} onPointerUp={end} />
        </>
      )}
    </div>
  );
}
