// The timeline of the selected layer: its animations (add, rename, delete, playback, autoplay),
// a lane of keys per property it can animate, a playhead to scrub (the live preview shows the
// pose), and Play / Stop in the preview.
import { useState } from "react";
import type { Animation, AnimationPlayback, Layer } from "../../generated/effect";
import { animateInPreview } from "../../preview/animate";
import { ID_PATTERN } from "../../store/ids";
import { findAnimation, setPlayback, updateAnimation } from "../../store/animations";
import { quoted } from "../../store/labels";
import { store, useStudio } from "../../store/store";
import { chooseAnimation, deleteAnimation, newAnimation, openAnimation, renameOpen } from "../../store/timeline";
import { CheckField, Field, SelectField } from "../inspectors/fields";
import { KeyFields } from "./KeyFields";
import { TimelineTracks } from "./TimelineTracks";

const PLAYBACK: { value: AnimationPlayback; label: string }[] = [
  { value: "hold", label: "Play once, hold the end" },
  { value: "once", label: "Play once, then back" },
  { value: "loop", label: "Loop" },
  { value: "pingPong", label: "Ping-pong" },
];

/** The clip's name: committed when valid and free on the layer. */
function NameField({ layer, anim }: { layer: string; anim: Animation }) {
  const [draft, setDraft] = useState(anim.name);
  const [shownFor, setShownFor] = useState(anim.name);
  if (shownFor !== anim.name) {
    setShownFor(anim.name);
    setDraft(anim.name);
  }
  const doc = store.doc();
  const problem =
    draft === anim.name ? null : !ID_PATTERN.test(draft) ? "letters, digits, _ and - only" : doc && findAnimation(doc, layer, draft) ? "already used on this layer" : null;
  const commit = () => (draft !== anim.name && !problem ? renameOpen(store, layer, anim.name, draft) : setDraft(anim.name));
  return (
    <Field label="Name">
      <input aria-label="Animation name" value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
      {problem && <small className="warn">{problem}</small>}
    </Field>
  );
}

function ClipHeader({ layer, anim, all }: { layer: string; anim: Animation | undefined; all: Animation[] }) {
  const live = useStudio((s) => s.live.status === "running");
  const liveHint = live ? undefined : "Start the live preview to see it play";
  return (
    <div className="row wrap timeline-head">
      {all.length > 0 && anim && (
        <SelectField label="Animation" value={anim.name} options={all.map((a) => a.name)} onChange={(name) => chooseAnimation(store, name)} />
      )}
      <button onClick={() => newAnimation(store, layer)}>Add animation</button>
      {anim && (
        <>
          <NameField layer={layer} anim={anim} />
          <SelectField<AnimationPlayback>
            label="Playback"
            value={anim.playback}
            options={PLAYBACK}
            onChange={(playback) => store.edit((e) => setPlayback(e, layer, anim.name, playback))}
          />
          <CheckField
            label="Autoplay"
            value={anim.autoplay}
            onChange={(autoplay) => store.edit((e) => updateAnimation(e, layer, anim.name, (a) => ({ ...a, autoplay })))}
          />
          <button disabled={!live} title={liveHint} onClick={() => animateInPreview({ kind: "play", layer, animation: anim.name })}>
            ▶ Play
          </button>
          <button disabled={!live} title={liveHint} onClick={() => animateInPreview({ kind: "stop", layer })}>
            ■ Stop
          </button>
          <button aria-label={`Delete animation ${anim.name}`} onClick={() => deleteAnimation(store, layer, anim.name)}>
            Delete {quoted(anim.name)}
          </button>
        </>
      )}
    </div>
  );
}

export function TimelineFor({ layer }: { layer: Layer }) {
  const doc = useStudio((s) => s.history?.present);
  const timeline = useStudio((s) => s.timeline);
  if (!doc) return null;
  const all = (doc.animations ?? []).filter((a) => a.layer === layer.id);
  const anim = openAnimation(doc, layer.id, timeline.animation);
  return (
    <>
      <ClipHeader layer={layer.id} anim={anim} all={all} />
      {!anim && <p className="muted">No animations on {quoted(layer.id)} yet: add one, then add keys at the playhead.</p>}
      {anim && (
        <div className="timeline-main">
          <TimelineTracks layer={layer} anim={anim} timeline={timeline} />
          {timeline.key ? <KeyFields layer={layer.id} anim={anim} at={timeline.key} /> : <p className="muted">Select a key to edit its value and ease.</p>}
        </div>
      )}
    </>
  );
}

/** The bottom panel's Timeline tab. */
export function Timeline() {
  const layer = useStudio((s) => (s.selection?.kind === "layer" ? s.history?.present.layers.find((l) => l.id === s.selection!.id) : undefined));
  return (
    <section className="panel timeline" aria-label="Timeline">
      {layer ? <TimelineFor layer={layer} /> : <p className="muted">Select a layer to animate it.</p>}
    </section>
  );
}
