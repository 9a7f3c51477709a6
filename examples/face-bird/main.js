// Face Bird: the bird flies at the height of your nose; pass between the pipes.
//
// Everything is in output-frame pixels (x right, y down), the space tracking arrives in.
// Sizes scale with the frame: `u` is 1 on a 1280x720 (or 720x1280) output.
// State is also mirrored in layers so tests can read it: `score` ("Score: N"), `gameOver`
// (visible after a crash), `help` (the hint line).

const BIRD = { w: 96, h: 72 };      // bird.png, pixels at scale 1
const PIPE = { w: 120, h: 1280 };   // pipe-top.png / pipe-bottom.png
const HITBOX = 0.35;                // half-size of the bird's hitbox, fraction of its size
const SPEED = 300;                  // pipe speed, pixels per second at u = 1
const FIRST_PIPE = 1.0;             // seconds after (re)start
const PIPE_EVERY = 1.8;             // seconds between pipes
const TUTORIAL_PIPES = 3;           // the first pipes have a wide, centred gap
const TUTORIAL_GAP = 0.40;          // gap height, fraction of the frame height
const GAP = 0.32;
const GAP_CENTRE = [0.30, 0.70];    // random gap centres, fractions of the frame height
const NOSE_GAIN = 1.6;              // nose movement is amplified around the frame centre
const FOLLOW = 12;                  // 1/s: how fast the bird catches up with the nose
const RESTART_GRACE = 0.5;          // seconds after a crash before a restart is accepted

/** A layer of effect.json (throws at load if the package lacks it). */
function layer(/** @type {string} */ id) {
  const l = lantern.getLayer(id);
  if (!l) throw new Error(`effect.json has no layer "${id}"`);
  return l;
}

const score = layer('score');
const gameOver = layer('gameOver');
const help = layer('help');
const feathers = layer('feathers');

let size = { w: 1280, h: 720 };
/** @type {Layer | null} */
let bird = null;
let birdY = 0;
/** @type {{ x: number, gapTop: number, gapBottom: number, passed: boolean, top: Layer, bottom: Layer }[]} */
let pipes = [];
let serial = 0;          // sprite ids stay unique across rounds
let roundPipes = 0;      // pipes spawned this round (the first ones are the tutorial)
let points = 0;
let clock = 0;          // seconds since the round started
let nextPipe = FIRST_PIPE;
let over = false;
let overFor = 0;        // seconds since the crash
let mouthWasClosed = false;

/** The output size: tracking arrives in output pixels, so its width/height is the frame's. */
function frameSize() {
  const t = lantern.tracking;
  if (t && t.width > 0 && t.height > 0) size = { w: t.width, h: t.height };
  return size;
}

const unit = () => Math.min(size.w, size.h) / 720;
const birdX = () => size.w * 0.25;

function firstFace() {
  const t = lantern.tracking;
  return t && t.faces.length > 0 ? t.faces[0] : null;
}

function start() {
  for (const p of pipes) {
    lantern.destroySprite(p.top.id);
    lantern.destroySprite(p.bottom.id);
  }
  pipes = [];
  roundPipes = 0;
  points = 0;
  clock = 0;
  nextPipe = FIRST_PIPE;
  over = false;
  overFor = 0;
  score.text = 'Score: 0';
  gameOver.visible = false;
  help.text = 'Move your nose up and down to fly';
  help.visible = true;
  if (bird) bird.rotation = 0;
}

function spawnPipe() {
  const u = unit();
  const tutorial = roundPipes < TUTORIAL_PIPES;
  roundPipes += 1;
  const gap = (tutorial ? TUTORIAL_GAP : GAP) * size.h;
  const centre = tutorial
    ? size.h * 0.5
    : size.h * (GAP_CENTRE[0] + lantern.random() * (GAP_CENTRE[1] - GAP_CENTRE[0]));
  const x = size.w + (PIPE.w * u) / 2;
  const halfPipe = (PIPE.h * u) / 2;
  const n = serial++;
  const top = lantern.spawnSprite('pipeTop', `pipe${n}top`, { x, y: centre - gap / 2 - halfPipe, scaleX: u, scaleY: u });
  const bottom = lantern.spawnSprite('pipeBottom', `pipe${n}bottom`, { x, y: centre + gap / 2 + halfPipe, scaleX: u, scaleY: u });
  pipes.push({ x, gapTop: centre - gap / 2, gapBottom: centre + gap / 2, passed: false, top, bottom });
}

function steer(/** @type {number} */ dt) {
  if (!bird) return;
  const u = unit();
  const half = (BIRD.h * u) / 2;
  const face = firstFace();
  const nose = face && face.anchors.noseTip;
  let target = birdY;
  if (nose) target = size.h / 2 + (nose.y - size.h / 2) * NOSE_GAIN;
  target = Math.min(size.h - half, Math.max(half, target));
  const step = (target - birdY) * Math.min(1, dt * FOLLOW);
  birdY += step;
  bird.setPosition(birdX(), birdY);
  bird.setScale(u);
  bird.rotation = Math.max(-30, Math.min(30, (step / Math.max(dt, 1e-3)) * 0.04));
}

/** @param {{ x: number, gapTop: number, gapBottom: number }} p */
function crashed(p) {
  const u = unit();
  const hw = BIRD.w * u * HITBOX;
  const hh = BIRD.h * u * HITBOX;
  const overlapX = Math.abs(birdX() - p.x) < hw + (PIPE.w * u) / 2;
  return overlapX && (birdY - hh < p.gapTop || birdY + hh > p.gapBottom);
}

function play(/** @type {number} */ dt) {
  const u = unit();
  clock += dt;
  if (clock >= nextPipe) {
    spawnPipe();
    nextPipe += PIPE_EVERY;
  }
  const move = SPEED * u * dt;
  for (const p of pipes) {
    p.x -= move;
    p.top.x = p.x;
    p.bottom.x = p.x;
    if (!p.passed && p.x + (PIPE.w * u) / 2 < birdX() - (BIRD.w * u) / 2) {
      p.passed = true;
      points += 1;
      score.text = `Score: ${points}`;
      help.visible = false;
    }
    if (crashed(p)) {
      over = true;
      gameOver.visible = true;
      help.text = 'Open your mouth to play again';
      help.visible = true;
      feathers.burst(24, { x: birdX(), y: birdY });
      break;
    }
  }
  // Pipes that left the frame.
  const gone = pipes.filter((p) => p.x < -(PIPE.w * u));
  for (const p of gone) {
    p.top.destroy();
    p.bottom.destroy();
  }
  pipes = pipes.filter((p) => p.x >= -(PIPE.w * u));
}

function mouthOpened() {
  // Fallback for sources without expression events: a closed → open transition of mouthOpen.
  const face = firstFace();
  if (!face) return false;
  const open = face.expressions.mouthOpen;
  if (open < 0.3) mouthWasClosed = true;
  return mouthWasClosed && open > 0.5;
}

function restartIfAsked() {
  if (over && overFor >= RESTART_GRACE) start();
}

lantern.on('start', () => {
  frameSize();
  birdY = size.h / 2;
  bird = lantern.spawnSprite('bird', 'bird', { x: birdX(), y: birdY, scaleX: unit(), scaleY: unit() });
  start();
});

lantern.on('expression', (e) => {
  if (e.kind === 'mouthOpen' && e.phase === 'begin') restartIfAsked();
});

lantern.on('command', (c) => {
  if (c.name === 'restart') {
    overFor = RESTART_GRACE;
    over = true;
    restartIfAsked();
  }
});

lantern.on('update', ({ dt }) => {
  frameSize();
  steer(dt);
  if (over) {
    overFor += dt;
    if (overFor < RESTART_GRACE) mouthWasClosed = false;
    if (mouthOpened()) restartIfAsked();
  } else {
    play(dt);
  }
});
