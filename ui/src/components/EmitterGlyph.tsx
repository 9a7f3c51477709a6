// A particle emitter in the Layout view: not its sprite stretched over the box, but what it is —
// the line particles leave from (dashed), a spray of dots in its direction and spread, its sprite
// as a small icon, and its name.
import type { Layer } from "../generated/effect";

type Particles = Extract<Layer, { type: "particles" }>;

/** Where along the spread (-1..1) and how far out (0..1) each dot of the spray is. */
const SPRAY: ReadonlyArray<readonly [number, number]> = [
  [-1, 0.55], [-0.5, 0.9], [0, 0.45], [0, 1], [0.5, 0.7], [1, 0.95], [-0.2, 0.25], [0.3, 0.35],
];

/** The spray's dots, in the box's own pixels (the box is drawn turned by `rotation`). */
export function sprayDots(layer: Particles, w: number, h: number, rotation: number): { x: number; y: number }[] {
  const reach = Math.max(28, Math.min(w, 90));
  return SPRAY.map(([along, out]) => {
    // Degrees clockwise from up, in the frame; the box is already turned by its rotation.
    const a = ((layer.direction + along * layer.spread - rotation) * Math.PI) / 180;
    const x0 = w / 2 + along * w * 0.3;
    return { x: x0 + Math.sin(a) * out * reach, y: h / 2 - Math.cos(a) * out * reach };
  });
}

export function EmitterGlyph(props: { layer: Particles; w: number; h: number; rotation: number; spriteUrl?: string }) {
  const { layer, w, h } = props;
  return (
    <span className="emitter" data-testid="emitter-glyph">
      <svg className="emitter-spray" width={w} height={h} aria-hidden>
        <line x1={0} y1={h / 2} x2={w} y2={h / 2} className="emitter-line" />
        {sprayDots(layer, w, h, props.rotation).map((d, i) => (
          <circle key={i} cx={d.x} cy={d.y} r={i % 3 === 0 ? 3 : 2} className="emitter-dot" />
        ))}
      </svg>
      <span className="box-label emitter-label">
        {props.spriteUrl ? <img className="emitter-sprite" src={props.spriteUrl} alt="" draggable={false} /> : "✦ "}
        {layer.id}
      </span>
    </span>
  );
}
