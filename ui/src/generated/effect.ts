// Generated from the Rust types in effect-schema/ by `effect_schema::generate`.
// Do not edit: run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-effect-schema --test generated`.

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * A named point on a face that props attach to. Left/right are the *person's* left and right
 * (as MediaPipe names them), not the viewer's.
 */
export type FaceAnchor = "forehead" | "betweenEyes" | "noseTip" | "mouth" | "chin" | "leftEye" | "rightEye" | "leftCheek" | "rightCheek";

/**
 * The 21 hand landmarks, numbered as MediaPipe's hand model outputs them.
 */
export type HandLandmark = "wrist" | "thumbCmc" | "thumbMcp" | "thumbIp" | "thumbTip" | "indexMcp" | "indexPip" | "indexDip" | "indexTip" | "middleMcp" | "middlePip" | "middleDip" | "middleTip" | "ringMcp" | "ringPip" | "ringDip" | "ringTip" | "pinkyMcp" | "pinkyPip" | "pinkyDip" | "pinkyTip" | "palmCenter";

/**
 * Which hand. As the person sees it (MediaPipe's handedness after un-mirroring).
 */
export type Handedness = "left" | "right";

/**
 * A hand gesture the tracker recognises. One-hand gestures are reported per hand; two-hand
 * gestures (`heart`, `salute`) are reported once, with both hands.
 */
export type Gesture = "openPalm" | "fist" | "victory" | "thumbsUp" | "thumbsDown" | "ok" | "pointing" | "rock" | "call" | "fingerHeart" | "heart" | "salute";

/**
 * The phase of a state that lasts (a gesture held, a mouth kept open): it begins once, stays for
 * every frame after, and ends once. Triggers pick the phase they fire on.
 */
export type Phase = "begin" | "stay" | "end";

/**
 * Face events and expressions that triggers and scripts can react to.
 */
export type FaceEventKind = "found" | "lost" | "mouthOpen" | "blink" | "browsRaised" | "nod" | "shake" | "smile";

/**
 * A point in frame pixels.
 */
export type Point2 = { x: number, y: number, };

/**
 * A landmark in frame pixels, with relative depth.
 */
export type Point3 = { x: number, y: number, z: number, };

/**
 * An axis-aligned rectangle in pixels: top-left corner and size.
 */
export type Rect = { x: number, y: number, w: number, h: number, };

/**
 * Head orientation in degrees. Yaw > 0: the person turns to their left; pitch > 0: looks up;
 * roll > 0: head tilts clockwise as seen in the image.
 */
export type HeadPose = { yaw: number, pitch: number, roll: number, };

/**
 * Continuous expression measures, each normalised to 0..1 (0 = closed / neutral).
 */
export type Expressions = { mouthOpen: number, leftEyeOpen: number, rightEyeOpen: number, browRaise: number, 
/**
 * `None` when the tracker cannot judge a smile reliably.
 */
smile?: number, };

/**
 * A discrete face event this frame, with its phase (a nod begins and ends; `found` only begins).
 */
export type FaceEvent = { kind: FaceEventKind, phase: Phase, };

/**
 * One tracked face.
 */
export type Face = { 
/**
 * Stable while the face stays in view; a new face gets a new id.
 */
id: number, 
/**
 * Detection/mesh confidence, 0..1.
 */
score: number, bbox: Rect, 
/**
 * Face size in pixels (the distance between the outer eye corners), the scale props follow.
 */
scale: number, pose: HeadPose, 
/**
 * The named anchor points, in pixels.
 */
anchors: { [key in FaceAnchor]?: Point2 }, expressions: Expressions, 
/**
 * Events that changed phase this frame (and `stay` for held expressions).
 */
events?: Array<FaceEvent>, 
/**
 * The 468-point face mesh. Tapes may leave it out to stay small.
 */
landmarks?: Array<Point3>, };

/**
 * One tracked hand.
 */
export type Hand = { 
/**
 * Stable while the hand stays in view.
 */
id: number, score: number, handedness: Handedness, bbox: Rect, 
/**
 * 21 landmarks in MediaPipe's order (see [`crate::vocab::HandLandmark`]). Updated every
 * frame when a hand prop follows them or the effect's script names `landmarks`; otherwise
 * (gestures and boxes only) each hand is re-tracked every other frame.
 */
landmarks: Array<Point3>, 
/**
 * The one-hand gesture held now, after hysteresis, if any.
 */
gesture?: Gesture, };

/**
 * A gesture that changed phase this frame (or is held: `stay`).
 */
export type GestureEvent = { gesture: Gesture, phase: Phase, 
/**
 * The hands involved (two for two-hand gestures), by [`Hand::id`].
 */
handIds: Array<number>, 
/**
 * The handedness for one-hand gestures.
 */
handedness?: Handedness, };

/**
 * Everything the tracker knows about one frame.
 */
export type TrackingFrame = { 
/**
 * Frame index from the start of the source.
 */
frame: number, 
/**
 * The size of the frame the coordinates refer to.
 */
width: number, height: number, faces: Array<Face>, hands: Array<Hand>, gestures?: Array<GestureEvent>, };

/**
 * One interactive rectangle, in output-frame pixels.
 */
export type HotZone = { 
/**
 * The layer or sprite id the zone belongs to.
 */
id: string, 
/**
 * What kind of thing it is (`redPacket`, `product`, …), for the player to style it.
 */
kind: string, rect: Rect, 
/**
 * Free-form data the player shows or sends on a tap.
 */
payload?: JsonValue, };

/**
 * The JSON carried in each video frame's SEI message.
 */
export type SeiPayload = { 
/**
 * Payload version ([`SEI_VERSION`]).
 */
v: number, 
/**
 * Presentation timestamp of the frame, in milliseconds from the stream start.
 */
pts: number, 
/**
 * Wall-clock time the frame was encoded, Unix milliseconds (for glass-to-glass latency).
 */
wall: number, 
/**
 * Output frame size the rectangles refer to.
 */
w: number, h: number, zones: Array<HotZone>, };

/**
 * A whole effect: the content of `effect.json`.
 */
export type Effect = { 
/**
 * The format version (`1`). Older files are migrated on read; newer ones are refused.
 */
formatVersion: number, meta: Meta, 
/**
 * Every file the effect uses, each with an id that layers and triggers refer to.
 */
assets: Array<Asset>, 
/**
 * Layers, drawn in order: the first is at the bottom.
 */
layers: Array<Layer>, triggers: Array<Trigger>, 
/**
 * Keyframe clips, each on one layer; `animate` actions and scripts play them.
 */
animations?: Array<Animation>, 
/**
 * Background music that starts with the effect.
 */
music?: Music, 
/**
 * The id of a `script` asset that runs with the effect, if any.
 */
script?: string, };

/**
 * Who made the effect and what it is for.
 */
export type Meta = { name: string, author: string, 
/**
 * The effect's own version, e.g. `1.0.0`.
 */
version: string, description: string, 
/**
 * A PNG or JPEG in the package shown in effect pickers (a path relative to the package root).
 */
thumbnail?: string, 
/**
 * The output size the effect was designed for; placements are relative, so others work too.
 */
targetResolution: Resolution, budgets: Budgets, };

/**
 * An output size in pixels.
 */
export type Resolution = { width: number, height: number, };

/**
 * Limits the effect promises to stay within; `lantern pack` reports against them.
 */
export type Budgets = { 
/**
 * Size of the packed `.zip`, bytes.
 */
maxPackageBytes: number, 
/**
 * Decoded texture memory of all images and sequence frames (RGBA8), bytes.
 */
maxTextureBytes: number, 
/**
 * Live particles across all emitters.
 */
maxParticles: number, 
/**
 * How many faces "all faces" props follow at most.
 */
maxFaces: number, 
/**
 * Decoded length of all `audio` assets together, seconds.
 */
maxAudioSeconds: number, 
/**
 * Decoded size of all `audio` assets together (48 kHz stereo, 32-bit float), bytes.
 */
maxAudioBytes: number, };

/**
 * One asset. `type` says what it is.
 */
export type Asset = { "type": "image" } & ImageAsset | { "type": "sequence" } & SequenceAsset | { "type": "font" } & FileAsset | { "type": "lut" } & FileAsset | { "type": "script" } & FileAsset | { "type": "audio" } & FileAsset;

/**
 * A still image.
 */
export type ImageAsset = { id: string, path: string, };

/**
 * A single file (font, LUT, script, audio).
 */
export type FileAsset = { id: string, path: string, };

/**
 * An animation.
 */
export type SequenceAsset = { id: string, source: SequenceSource, 
/**
 * Frames per second (> 0). For GIF/APNG this overrides the file's own frame delays.
 */
fps: number, playback: Playback, };

/**
 * Where a sequence's frames come from.
 */
export type SequenceSource = { "frames": { pattern: string, count: number, start: number, } } | { "gif": { path: string, } } | { "apng": { path: string, } } | { "spriteSheet": { path: string, columns: number, rows: number, count: number, } };

/**
 * How a sequence plays once it reaches its last frame.
 */
export type Playback = "once" | "loop" | "pingPong";

/**
 * A 2D vector; units depend on the field (fractions of the frame, face sizes…).
 */
export type Vec2 = { x: number, y: number, };

/**
 * What a placement is relative to.
 */
export type RelativeTo = "frame" | "safeArea";

/**
 * The shape of the output frame.
 */
export type Orientation = "portrait" | "landscape" | "square";

/**
 * Where a frame-placed layer sits.
 */
export type Placement = { relativeTo: RelativeTo, 
/**
 * The layer's pivot position, as fractions (0..1) of the reference rectangle.
 */
position: Vec2, 
/**
 * The layer's width as a fraction of the reference width; the height follows the content's
 * aspect ratio.
 */
width: number, 
/**
 * Which point of the layer sits at `position`, as fractions of the layer (0.5, 0.5 = centre).
 */
pivot: Vec2, 
/**
 * Clockwise rotation, degrees.
 */
rotation: number, 
/**
 * Per-orientation changes; fields left out keep the values above.
 */
overrides?: Overrides, };

/**
 * Per-orientation placement overrides.
 */
export type Overrides = { portrait?: PlacementOverride, landscape?: PlacementOverride, square?: PlacementOverride, };

/**
 * The fields of a [`Placement`] one orientation changes.
 */
export type PlacementOverride = { relativeTo?: RelativeTo, position?: Vec2, width?: number, rotation?: number, };

/**
 * Marks a layer interactive: its rectangle is sent to players as a hot-zone with the layer id.
 */
export type HotZoneSpec = { 
/**
 * What it is (`redPacket`, `product`, …), for the player to style it.
 */
kind: string, 
/**
 * Free-form data the player shows or sends on a tap.
 */
payload?: JsonValue, };

/**
 * One layer. `type` says what it draws.
 */
export type Layer = { "type": "sticker" } & StickerLayer | { "type": "faceProp" } & FacePropLayer | { "type": "handProp" } & HandPropLayer | { "type": "text" } & TextLayer | { "type": "particles" } & ParticlesLayer | { "type": "colorFilter" } & ColorFilterLayer | { "type": "beauty" } & BeautyLayer | { "type": "background" } & BackgroundLayer;

/**
 * An image or sequence placed in the frame.
 */
export type StickerLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * An `image` or `sequence` asset id.
 */
asset: string, placement: Placement, 
/**
 * 0..1.
 */
opacity: number, };

/**
 * An image or sequence that follows a face anchor, scaled and rotated with the face.
 */
export type FacePropLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * An `image` or `sequence` asset id.
 */
asset: string, anchor: FaceAnchor, 
/**
 * Offset from the anchor in face sizes (the distance between the outer eye corners),
 * in the face's own frame (y up the face's vertical axis is negative).
 */
offset: Vec2, 
/**
 * The prop's width in face sizes.
 */
scale: number, 
/**
 * Extra clockwise rotation, degrees.
 */
rotation: number, 
/**
 * Whether the prop turns with the head's roll.
 */
followRotation: boolean, 
/**
 * Which face (0 = the first found); absent = every face, up to the `maxFaces` budget.
 */
face?: number, 
/**
 * Which point of the image sits on the anchor (0.5, 0.5 = centre).
 */
pivot: Vec2, };

/**
 * Which hand a hand prop or a gesture trigger follows.
 */
export type HandSelect = "left" | "right" | "any";

/**
 * An image or sequence that follows a hand landmark.
 */
export type HandPropLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * An `image` or `sequence` asset id.
 */
asset: string, landmark: HandLandmark, hand: HandSelect, 
/**
 * Offset in palm widths.
 */
offset: Vec2, 
/**
 * Width in palm widths.
 */
scale: number, rotation: number, followRotation: boolean, };

/**
 * A text outline.
 */
export type Stroke = { 
/**
 * `#rrggbb` or `#rrggbbaa`.
 */
color: string, 
/**
 * Width as a fraction of the font size.
 */
width: number, };

/**
 * A drop shadow.
 */
export type Shadow = { color: string, 
/**
 * Offset as fractions of the font size.
 */
offset: Vec2, 
/**
 * Blur radius as a fraction of the font size.
 */
blur: number, };

/**
 * Text from a template.
 */
export type TextLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * The text; `{name}` placeholders are filled from `setText` actions and scripts.
 */
template: string, 
/**
 * A `font` asset id.
 */
font: string, 
/**
 * Font size as a fraction of the reference height.
 */
size: number, 
/**
 * `#rrggbb` or `#rrggbbaa`.
 */
fill: string, stroke?: Stroke, shadow?: Shadow, 
/**
 * Top-to-bottom columns (for couplets).
 */
vertical: boolean, placement: Placement, };

/**
 * A `{min, max}` range; each particle picks a value uniformly.
 */
export type Range = { min: number, max: number, };

/**
 * A particle emitter.
 */
export type ParticlesLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * An `image` or `sequence` asset id.
 */
sprite: string, 
/**
 * Where the emitter sits; `width` is the emission area's width.
 */
placement: Placement, 
/**
 * Continuous emission, particles per second (0 = only bursts).
 */
rate: number, 
/**
 * Particles per `burst` action.
 */
burst: number, 
/**
 * Live particles at most for this emitter.
 */
maxParticles: number, 
/**
 * Seconds.
 */
lifetime: Range, 
/**
 * Frame heights per second.
 */
speed: Range, 
/**
 * Emission direction, degrees clockwise from up.
 */
direction: number, 
/**
 * Spread around `direction`, degrees.
 */
spread: number, 
/**
 * Acceleration, frame heights per second squared (y down).
 */
gravity: Vec2, 
/**
 * Degrees per second.
 */
spin: Range, 
/**
 * Sprite width as a fraction of the frame width.
 */
size: Range, 
/**
 * Fade out over the last part of the lifetime, 0..1 (0 = no fade).
 */
fade: number, 
/**
 * Share of its speed a particle loses per second (0 = none; 2 = most of it within a second).
 */
drag: number, 
/**
 * How particles mix with what is under them.
 */
blend: Blend, 
/**
 * Colours (`#rrggbb`) each particle picks one of to tint its sprite; empty = the sprite's own.
 */
colors?: Array<string>, 
/**
 * Size, opacity and tint over each particle's life.
 */
overLife?: OverLife, 
/**
 * Fading copies drawn behind each particle along its path.
 */
trail?: Trail, 
/**
 * At the end of its life each particle bursts into more (a firework shell).
 */
explode?: Explosion, 
/**
 * Emit from a face anchor or hand landmark instead of the placement's position.
 */
follow?: Follow, };

/**
 * How a particle's colour mixes with the picture under it.
 */
export type Blend = "normal" | "additive";

/**
 * Curves over a particle's life; key times are 0..1 of its life.
 */
export type OverLife = { 
/**
 * Multiplies the particle's size.
 */
size?: Array<Key<number>>, 
/**
 * Multiplies its opacity.
 */
opacity?: Array<Key<number>>, 
/**
 * Multiplies its colour.
 */
tint?: Array<Key<string>>, };

/**
 * Copies of a particle where it was a moment ago.
 */
export type Trail = { 
/**
 * Copies behind each particle, 1..=16.
 */
count: number, 
/**
 * Seconds between two copies.
 */
spacing: number, 
/**
 * The last copy's opacity and size relative to the particle, 0..1 (copies in between
 * interpolate).
 */
tail: number, };

/**
 * What each particle bursts into when its life ends; the children move under the layer's
 * gravity and drag, take their parent's colour, and count against `maxParticles`.
 */
export type Explosion = { 
/**
 * Children per particle.
 */
count: number, 
/**
 * Frame heights per second, in every direction.
 */
speed: Range, 
/**
 * Seconds.
 */
lifetime: Range, 
/**
 * Sprite width as a fraction of the frame width.
 */
size: Range, 
/**
 * An `image` or `sequence` asset for the children; absent = the layer's sprite.
 */
sprite?: string, };

/**
 * A tracked point an emitter follows.
 */
export type Follow = { "face": { anchor: FaceAnchor, face: number, } } | { "hand": { landmark: HandLandmark, hand: HandSelect, } };

/**
 * A colour grade through a LUT.
 */
export type ColorFilterLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * A `lut` asset id.
 */
lut: string, 
/**
 * 0..1.
 */
intensity: number, };

/**
 * Skin smoothing and brightening on faces.
 */
export type BeautyLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, 
/**
 * 0..1.
 */
smoothing: number, 
/**
 * 0..1.
 */
brightening: number, };

/**
 * What happens behind the person (needs person segmentation).
 */
export type BackgroundMode = { "blur": { strength: number, } } | { "replace": { asset: string, } };

/**
 * Background blur or replacement.
 */
export type BackgroundLayer = { id: string, visible: boolean, hotZone?: HotZoneSpec, mode: BackgroundMode, };

/**
 * One trigger.
 */
export type Trigger = { id: string, when: When, 
/**
 * Seconds after firing during which the trigger does not fire again.
 */
cooldown: number, hysteresis: Hysteresis, actions: Array<Action>, };

/**
 * Frames a state must hold before it begins, and be gone before it ends.
 */
export type Hysteresis = { beginFrames: number, endFrames: number, };

/**
 * What fires a trigger. `on` says which source.
 */
export type When = { "on": "gesture", gesture: Gesture, hand: HandSelect, phase: Phase, } | { "on": "face", event: FaceEventKind, phase: Phase, 
/**
 * Which face; absent = any face.
 */
face?: number, } | { "on": "timer", every: number, after: number, } | { "on": "tap", layer?: string, } | { "on": "command", name: string, };

/**
 * What a trigger does. `do` says what.
 */
export type Action = { "do": "show", layer: string, } | { "do": "hide", layer: string, } | { "do": "play", layer: string, } | { "do": "stop", layer: string, } | { "do": "restart", layer: string, } | { "do": "burst", layer: string, count?: number, } | { "do": "setText", layer: string, text: string, } | { "do": "animate", layer: string, animation: string, } | { "do": "stopAnimation", layer: string, } | { "do": "playSound", sound: string, 
/**
 * 0..1.
 */
volume: number, 
/**
 * Repeat until a `stopSound`.
 */
loop: boolean, } | { "do": "stopSound", sound: string, } | { "do": "scriptEvent", name: string, data?: JsonValue, };

/**
 * One named clip on a layer.
 */
export type Animation = { 
/**
 * The layer it animates.
 */
layer: string, 
/**
 * The clip's name, unique on its layer (`pop`, `slideIn`, `idle`).
 */
name: string, playback: AnimationPlayback, 
/**
 * Start the clip whenever the layer becomes visible (and at start if it is visible).
 */
autoplay: boolean, tracks: Tracks, };

/**
 * What a clip does once it reaches its last key.
 */
export type AnimationPlayback = "hold" | "once" | "loop" | "pingPong";

/**
 * The animated properties; a track left out (or empty) leaves that property alone.
 */
export type Tracks = { 
/**
 * Offset from the layer's position, in its placement's units: fractions of the reference
 * rectangle for frame-placed layers, face sizes for face props, palm widths for hand props.
 */
position?: Array<Key<Vec2>>, 
/**
 * Multiplies the layer's size.
 */
scale?: Array<Key<number>>, 
/**
 * Degrees clockwise, added to the layer's rotation.
 */
rotation?: Array<Key<number>>, 
/**
 * Multiplies the layer's opacity (0..1).
 */
opacity?: Array<Key<number>>, 
/**
 * Multiplies the layer's colour (`#rrggbb` or `#rrggbbaa`; white leaves it unchanged).
 */
tint?: Array<Key<string>>, 
/**
 * Text layers: the share of characters shown, 0..1, first to last (a typewriter reveal).
 */
reveal?: Array<Key<number>>, };

/**
 * A value at a time; `ease` shapes the way to the next key.
 */
export type Key<T> = { 
/**
 * Seconds from the clip's start (or, in a particle's `overLife`, 0..1 of its life).
 */
time: number, value: T, ease: Ease, };

/**
 * How a value travels from one key to the next.
 */
export type Ease = "linear" | "easeIn" | "easeOut" | "easeInOut" | "step" | { "cubicBezier": [number, number, number, number] } | { "spring": Spring };

/**
 * A spring's shape.
 */
export type Spring = { 
/**
 * 0..0.9: how far it overshoots and how often it swings back.
 */
bounce: number, };

/**
 * Background music: one `audio` asset that starts with the effect.
 */
export type Music = { 
/**
 * An `audio` asset id.
 */
sound: string, 
/**
 * 0..1.
 */
volume: number, 
/**
 * Start again at the end.
 */
loop: boolean, 
/**
 * Seconds to rise from silence at the start.
 */
fadeIn: number, 
/**
 * Seconds to fall to silence before the end (of each pass when looping).
 */
fadeOut: number, 
/**
 * The music's gain while the input audio carries speech (0..1; 1 = no ducking).
 */
duck: number, };

/**
 * What an effect needs from tracking.
 */
export type Capabilities = { 
/**
 * Face detection (boxes, found/lost).
 */
face: boolean, 
/**
 * The face landmark mesh (anchors, expressions, head pose).
 */
faceMesh: boolean, 
/**
 * Iris refinement (eye anchors, blinks).
 */
iris: boolean, 
/**
 * Hand landmarks.
 */
hands: boolean, 
/**
 * Something follows a hand's landmarks: a hand prop, or a script whose source names
 * `landmarks` (set by [`crate::Package::capabilities`], which reads it): they are needed on
 * every frame. Otherwise hands only feed gestures and boxes, and the tracker runs them at a
 * lower rate.
 */
handAnchors: boolean, 
/**
 * Gesture classification on top of hand landmarks.
 */
gestures: Array<Gesture>, 
/**
 * Person segmentation.
 */
segmentation: boolean, 
/**
 * Faces to track at most.
 */
maxFaces: number, 
/**
 * Hands to track at most.
 */
maxHands: number, 
/**
 * The effect runs a script (which may read any tracking data it is given).
 */
script: boolean, };
