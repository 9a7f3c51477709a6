// Red Packet Rain: catch the falling red packets with an open hand; viewers can tap them too.
//
// Everything is in output-frame pixels (x right, y down), the space tracking arrives in.
// Sizes scale with the frame: `u` is 1 on a 1280x720 (or 720x1280) output.
// State is mirrored in layers so tests can read it: `score` ("Score: N", packets caught),
// `total` ("¥ N", their amounts), `timer` (seconds left), `gameOver` (visible when time is up).

const PACKET = { w: 96, h: 128 };       // red-packet.png, pixels at scale 1
const ROUND = 30;                       // seconds per round
const FIRST_PACKET = 0.5;               // seconds after (re)start
const PACKET_EVERY = 0.6;               // seconds between packets
const FALL = [0.22, 0.32];              // fall speed, frame heights per second
const SPAWN_X = [0.08, 0.92];           // packet centres, fractions of the frame width
const AMOUNTS = [1, 2, 5, 6, 8, 8, 10, 18, 66, 88];
const RESTART_GRACE = 1.0;              // seconds after time's up before a restart is accepted

/** A layer of effect.json (throws at load if the package lacks it). */
function layer(/** @type {string} */ id) {
  const l = lantern.getLayer(id);
  if (!l) throw new Error(`effect.json has no layer "${id}"`);
  return l;
}

const score = layer('score');
const total = layer('total');
const timer = layer('timer');
const help = layer('help');
const gameOver = layer('gameOver');
const sparks = layer('sparks');
const coins = layer('coins');

let size = { w: 1280, h: 720 };
/** @type {Map<string, { sprite: Layer, x: number, y: number, vy: number, phase: number, amount: number }>} */
let packets = new Map();   // by sprite id
let serial = 0;
let caught = 0;
let amount = 0;
let clock = 0;
let nextPacket = FIRST_PACKET;
let over = false;
let overFor = 0;
let mouthWasClosed = false;

/** The output size: tracking arrives in output pixels, so its width/height is the frame's. */
function frameSize() {
  const t = lantern.tracking;
  if (t && t.width > 0 && t.height > 0) size = { w: t.width, h: t.height };
}

const unit = () => Math.min(size.w, size.h) / 720;

function clearPackets() {
  for (const p of packets.values()) p.sprite.destroy();
  packets.clear();
}

function start() {
  clearPackets();
  caught = 0;
  amount = 0;
  clock = 0;
  nextPacket = FIRST_PACKET;
  over = false;
  overFor = 0;
  score.text = 'Score: 0';
  total.text = '¥ 0';
  timer.text = String(ROUND);
  gameOver.visible = false;
  help.text = 'Open your hand to catch the red packets';
}

function spawnPacket() {
  const u = unit();
  const id = `packet${serial++}`;
  const x = size.w * (SPAWN_X[0] + lantern.random() * (SPAWN_X[1] - SPAWN_X[0]));
  const y = -(PACKET.h * u) / 2;
  const vy = size.h * (FALL[0] + lantern.random() * (FALL[1] - FALL[0]));
  const value = AMOUNTS[Math.floor(lantern.random() * AMOUNTS.length)];
  const zone = { kind: 'redPacket', payload: { amount: value, message: 'You caught a red packet' } };
  const sprite = lantern.spawnSprite('redPacket', id, { x, y, scaleX: u, scaleY: u }, zone);
  packets.set(id, { sprite, x, y, vy, phase: lantern.random() * 6.28, amount: value });
}

function catchPacket(/** @type {string} */ id) {
  const p = packets.get(id);
  if (!p || over) return;
  packets.delete(id);
  p.sprite.destroy();
  caught += 1;
  amount += p.amount;
  score.text = `Score: ${caught}`;
  total.text = `¥ ${amount}`;
  sparks.burst(30, { x: p.x, y: p.y });
  coins.burst(6, { x: p.x, y: p.y });
  lantern.audio.play('coin', { volume: 0.8 });
}

/** The catching area of each open hand this frame (a fist does not catch). */
function catchers() {
  const t = lantern.tracking;
  if (!t) return [];
  return t.hands.filter((h) => h.gesture !== 'fist').map((h) => h.bbox);
}

/**
 * @param {{ x: number, y: number }} p a packet
 * @param {Rect} box a hand's box
 * @param {number} u the size unit
 */
function overlaps(p, box, u) {
  const hw = (PACKET.w * u) / 2;
  const hh = (PACKET.h * u) / 2;
  return p.x + hw >= box.x && p.x - hw <= box.x + box.w && p.y + hh >= box.y && p.y - hh <= box.y + box.h;
}

function play(/** @type {number} */ dt) {
  const u = unit();
  clock += dt;
  while (clock >= nextPacket) {
    spawnPacket();
    nextPacket += PACKET_EVERY;
  }
  const boxes = catchers();
  for (const [id, p] of [...packets]) {
    p.y += p.vy * dt;
    p.sprite.setPosition(p.x, p.y);
    p.sprite.rotation = 12 * Math.sin(p.phase + clock * 3);
    if (boxes.some((b) => overlaps(p, b, u))) {
      catchPacket(id);
    } else if (p.y - (PACKET.h * u) / 2 > size.h) {
      packets.delete(id);
      p.sprite.destroy();
    }
  }
  const left = String(Math.max(0, Math.ceil(ROUND - clock - 1e-6)));
  if (timer.text !== left) timer.text = left;
  if (clock >= ROUND) {
    over = true;
    clearPackets();
    gameOver.visible = true;
    help.text = 'Open your mouth to play again';
  }
}

function mouthOpened() {
  // Fallback for sources without expression events: a closed → open transition of mouthOpen.
  const t = lantern.tracking;
  const face = t && t.faces.length > 0 ? t.faces[0] : null;
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
  start();
});

lantern.on('tap', ({ zoneId }) => catchPacket(zoneId));

// A live room (lantern push --room): each packet a viewer caught (the hub checked the tap and
// paid its award) flashes coins on air; the packet stays for the other viewers.
lantern.on('room', (e) => {
  for (const c of e.caught) {
    const p = packets.get(c.zone);
    if (p) coins.burst(8, { x: p.x, y: p.y });
  }
  if (e.caught.length > 0) console.log(`room: ${e.caught.map((c) => `${c.nick} caught ${c.zone}`).join(', ')}`);
});

lantern.on('expression', (e) => {
  if (e.kind === 'mouthOpen' && e.phase === 'begin') restartIfAsked();
});

lantern.on('command', (c) => {
  if (c.name === 'restart') {
    over = true;
    overFor = RESTART_GRACE;
    restartIfAsked();
  }
});

lantern.on('update', ({ dt }) => {
  frameSize();
  if (over) {
    overFor += dt;
    if (overFor < RESTART_GRACE) mouthWasClosed = false;
    if (mouthOpened()) restartIfAsked();
  } else {
    play(dt);
  }
});
