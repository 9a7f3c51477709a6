// The ruler with its playhead (click or drag to scrub) and one lane of keys per track; a key is
// selected by a click and dragged in time (one undo step per drag).
import { useRef } from "react";
import type { Animation, Layer } from "../../generated/effect";
import { type TrackSpec, duration, trackKeys, tracksFor } from "../../store/animations";
import { store, type TimelineState } from "../../store/store";
import { addKeyAtPlayhead, deleteKey, dragKey, scrub } from "../../store/timeline";
import { NumberField } from "../inspectors/fields";

/** Seconds the lanes show: the clip and a second more, at least two. */
export function spanOf(anim: Animation): number {
  return Math.max(2, Math.ceil(duration(anim) + 1));
}

/** The time under a pointer at `clientX` over an element spanning `rect`, 0..span. */
export function timeAt(clientX: number, rect: { left: number; width: number }, span: number): number {
  if (rect.width <= 0) return 0;
  return Math.min(Math.max((clientX - rect.left) / rect.width, 0), 1) * span;
}

const pct = (t: number, span: number) => `${(t / span) * 100}%`;

function Ruler({ layer, anim, span, playhead }: { layer: string; anim: Animation; span: number; playhead: number }) {
  const at = (e: React.PointerEvent<HTMLDivElement>) => scrub(store, layer, anim.name, timeAt(e.clientX, e.currentTarget.getBoundingClientRect(), span));
  return (
    <div
      className="ruler"
      data-testid="timeline-ruler"
      role="slider"
      aria-label="Playhead"
      aria-valuemin={0}
      aria-valuemax={span}
      aria-valuenow={playhead}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        at(e);
      }}
      onPointerMove={(e) => e.buttons & 1 && at(e)}
    >
      {Array.from({ length: span + 1 }, (_, s) => (
        <span key={s} className="tick" style={{ left: pct(s, span) }}>
          {s}s
        </span>
      ))}
      <span className="playhead" style={{ left: pct(Math.min(playhead, span), span) }} />
    </div>
  );
}

function Lane(props: { layer: string; anim: Animation; spec: TrackSpec; span: number; timeline: TimelineState }) {
  const { layer, anim, spec, span, timeline } = props;
  const lane = useRef<HTMLDivElement>(null);
  const keys = trackKeys(anim, spec.name);
  const drag = useRef<{ index: number; gesture: string; span: number } | null>(null);
  const selected = (i: number) => timeline.key?.track === spec.name && timeline.key.index === i;
  const onDown = (i: number) => (e: React.PointerEvent<HTMLButtonElement>) => {
    e.stopPropagation();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = { index: i, gesture: `drag.${layer}.${anim.name}.${spec.name}.${performance.now()}`, span };
    store.set((s) => ({ timeline: { ...s.timeline, key: { track: spec.name, index: i } } }));
  };
  const onMove = (e: React.PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    const rect = lane.current?.getBoundingClientRect();
    if (!d || !rect || !(e.buttons & 1)) return;
    d.index = dragKey(store, layer, anim.name, spec.name, d.index, timeAt(e.clientX, rect, d.span), d.gesture);
  };
  const onUp = () => {
    if (!drag.current) return;
    drag.current = null;
    store.endGesture();
  };
  return (
    <li className="lane-row" data-testid={`track-${spec.name}`}>
      <span className="lane-label">{spec.label}</span>
      <button aria-label={`Add ${spec.name} key at the playhead`} title="Add a key at the playhead" onClick={() => addKeyAtPlayhead(store, layer, anim.name, spec.name)}>
        ◆+
      </button>
      <div className="lane" ref={lane}>
        {keys.map((k, i) => (
          <button
            key={i}
            className={`key${selected(i) ? " selected" : ""}`}
            style={{ left: pct(k.time, span) }}
            aria-label={`${spec.name} key ${i + 1} at ${k.time} s`}
            aria-pressed={selected(i)}
            onPointerDown={onDown(i)}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={onUp}
            onKeyDown={(e) => (e.key === "Delete" || e.key === "Backspace") && deleteKey(store, layer, anim.name, spec.name, i)}
          />
        ))}
        <span className="playhead" style={{ left: pct(Math.min(timeline.playhead, span), span) }} />
      </div>
    </li>
  );
}

export function TimelineTracks({ layer, anim, timeline }: { layer: Layer; anim: Animation; timeline: TimelineState }) {
  const span = spanOf(anim);
  return (
    <div className="timeline-body">
      <div className="row">
        <NumberField label="Playhead (s)" value={timeline.playhead} min={0} step={0.1} onChange={(t) => scrub(store, layer.id, anim.name, t)} />
      </div>
      <div className="lane-row">
        <span className="lane-label" />
        <span className="lane-spacer" />
        <Ruler layer={layer.id} anim={anim} span={span} playhead={timeline.playhead} />
      </div>
      <ul className="lanes">
        {tracksFor(layer).map((spec) => (
          <Lane key={spec.name} layer={layer.id} anim={anim} spec={spec} span={span} timeline={timeline} />
        ))}
      </ul>
    </div>
  );
}
