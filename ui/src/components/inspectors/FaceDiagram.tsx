import type { FaceAnchor } from "../../generated/effect";
import { ANCHOR_NAMES, FACE_ANCHORS } from "../../geometry/face";

const SIZE = 70; // pixels per face size in the diagram
const W = 180;
const H = 220;
const OX = W / 2;
const OY = 95;

/** A face to pick an anchor on: click a dot. Left/right are the person's (mirrored on screen). */
export function FaceDiagram(props: { value: FaceAnchor; onPick: (a: FaceAnchor) => void }) {
  const at = (a: FaceAnchor) => ({ x: OX + FACE_ANCHORS[a].at.x * SIZE, y: OY + FACE_ANCHORS[a].at.y * SIZE });
  return (
    <svg className="face-diagram" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="group" aria-label="Face anchor">
      <ellipse cx={OX} cy={OY + 25} rx={62} ry={88} className="face-outline" />
      <ellipse cx={OX - 27} cy={OY} rx={12} ry={6} className="face-feature" />
      <ellipse cx={OX + 27} cy={OY} rx={12} ry={6} className="face-feature" />
      <path d={`M ${OX} ${OY + 8} L ${OX - 7} ${OY + 32} L ${OX + 7} ${OY + 32}`} className="face-feature" />
      <path d={`M ${OX - 20} ${OY + 58} Q ${OX} ${OY + 70} ${OX + 20} ${OY + 58}`} className="face-feature" />
      {ANCHOR_NAMES.map((a) => {
        const p = at(a);
        const active = a === props.value;
        return (
          <circle
            key={a}
            cx={p.x}
            cy={p.y}
            r={active ? 8 : 6}
            className={active ? "anchor active" : "anchor"}
            role="button"
            tabIndex={0}
            aria-label={FACE_ANCHORS[a].label}
            aria-pressed={active}
            onClick={() => props.onPick(a)}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && props.onPick(a)}
          >
            <title>{FACE_ANCHORS[a].label}</title>
          </circle>
        );
      })}
    </svg>
  );
}
