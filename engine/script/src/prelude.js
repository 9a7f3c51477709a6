// Lantern script prelude: builds the public API (`lantern`, `Layer`, `console`) over the private
// natives object `N`, makes time and randomness deterministic, and closes the sandbox doors.
// Evaluated once per runtime as `<lantern>`; it returns the hooks the host calls each frame.
(function (N) {
  'use strict';
  const EVENTS = ['start', 'update', 'faceFound', 'faceLost', 'expression', 'gesture', 'tap', 'command', 'room', 'stop'];
  const handlers = Object.create(null);
  for (const e of EVENTS) handlers[e] = [];
  const clock = { frame: 0, dt: 0, time: 0 };
  let trackingFresh = false;
  let tracking = null;

  const num = (v) => (v === undefined || v === null ? NaN : Number(v));
  const zoneJson = (zone) => {
    if (zone === undefined || zone === null) return null;
    if (typeof zone !== 'object' || typeof zone.kind !== 'string') {
      throw new TypeError('hot-zone must be { kind: string, payload?: any }, e.g. { kind: "redPacket", payload: { amount: 5 } }');
    }
    return JSON.stringify({ kind: zone.kind, payload: zone.payload === undefined ? null : zone.payload });
  };

  class Layer {
    constructor(id) {
      Object.defineProperty(this, 'id', { value: id, enumerable: true });
    }
    get exists() { return N.exists(this.id); }
    get x() { return N.getNum(this.id, 0); }
    set x(v) { N.setNum(this.id, 0, Number(v)); }
    get y() { return N.getNum(this.id, 1); }
    set y(v) { N.setNum(this.id, 1, Number(v)); }
    get scaleX() { return N.getNum(this.id, 2); }
    set scaleX(v) { N.setNum(this.id, 2, Number(v)); }
    get scaleY() { return N.getNum(this.id, 3); }
    set scaleY(v) { N.setNum(this.id, 3, Number(v)); }
    get rotation() { return N.getNum(this.id, 4); }
    set rotation(v) { N.setNum(this.id, 4, Number(v)); }
    get opacity() { return N.getNum(this.id, 5); }
    set opacity(v) { N.setNum(this.id, 5, Number(v)); }
    get visible() { return N.getVisible(this.id); }
    set visible(v) { N.setVisible(this.id, !!v); }
    get text() { return N.getText(this.id); }
    set text(v) { N.setText(this.id, String(v)); }
    get transform() {
      return { x: this.x, y: this.y, scaleX: this.scaleX, scaleY: this.scaleY, rotation: this.rotation };
    }
    set transform(t) {
      N.setTransform(this.id, num(t.x), num(t.y), num(t.scaleX), num(t.scaleY), num(t.rotation));
    }
    get hotZone() {
      const z = N.getHotZone(this.id);
      return z === null || z === undefined ? null : JSON.parse(z);
    }
    set hotZone(zone) { N.setHotZone(this.id, zoneJson(zone)); }
    setPosition(x, y) {
      N.setTransform(this.id, num(x), num(y), NaN, NaN, NaN);
      return this;
    }
    moveBy(dx, dy) {
      N.moveBy(this.id, num(dx), num(dy));
      return this;
    }
    setScale(sx, sy) {
      N.setTransform(this.id, NaN, NaN, num(sx), sy === undefined ? num(sx) : num(sy), NaN);
      return this;
    }
    play(options) {
      const o = options || {};
      N.play(this.id, o.from === undefined ? -1 : Number(o.from), o.loop === undefined ? -1 : (o.loop ? 1 : 0));
      return this;
    }
    stop() { N.stopSequence(this.id); return this; }
    seek(frame) { N.seek(this.id, Number(frame)); return this; }
    burst(count, at) {
      N.burst(this.id, Number(count), at ? num(at.x) : NaN, at ? num(at.y) : NaN);
      return this;
    }
    animate(name) { N.animate(this.id, String(name)); return this; }
    stopAnimation() { N.stopAnimation(this.id); return this; }
    destroy() { N.destroy(this.id); }
  }
  Object.freeze(Layer.prototype);
  Object.freeze(Layer);

  const audio = Object.freeze({
    play(id, options) {
      const o = options || {};
      N.playSound(String(id), o.volume === undefined ? 1 : num(o.volume), !!o.loop);
    },
    stop(id) { N.stopSound(String(id)); },
  });

  const lantern = {
    audio,
    getLayer(id) {
      const key = String(id);
      return N.exists(key) ? new Layer(key) : null;
    },
    layers() { return N.layerIds().map((id) => new Layer(id)); },
    spawnSprite(asset, id, transform, hotZone) {
      const t = transform || {};
      N.spawn(String(asset), String(id), [num(t.x), num(t.y), num(t.scaleX), num(t.scaleY), num(t.rotation)], zoneJson(hotZone));
      return new Layer(String(id));
    },
    destroySprite(id) { N.destroy(String(id)); },
    on(event, handler) {
      if (!(event in handlers)) throw new TypeError(`unknown event '${event}': use one of ${EVENTS.join(', ')}`);
      if (typeof handler !== 'function') throw new TypeError(`lantern.on('${event}', handler): handler must be a function`);
      handlers[event].push(handler);
    },
    off(event, handler) {
      const list = handlers[event];
      if (!list) return;
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    },
    random() { return N.random(); },
    get frame() { return clock.frame; },
    get dt() { return clock.dt; },
    get time() { return clock.time; },
    get tracking() {
      if (!trackingFresh) {
        tracking = JSON.parse(N.trackingJson());
        trackingFresh = true;
      }
      return tracking;
    },
  };
  Object.freeze(lantern);

  // Deterministic time and randomness.
  const RealDate = Date;
  const now = () => Math.round(clock.time * 1000);
  function LanternDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  LanternDate.prototype = RealDate.prototype;
  LanternDate.now = now;
  LanternDate.UTC = RealDate.UTC;
  LanternDate.parse = RealDate.parse;
  Math.random = () => N.random();

  // console: formatted here, located at the caller's file:line, kept by the host.
  const fmt = (v) => {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    if (typeof v === 'object' && v !== null) {
      try { return JSON.stringify(v); } catch (_) { return String(v); }
    }
    return String(v);
  };
  const where = () => {
    const lines = String(new Error().stack || '').split('\n');
    for (const line of lines) {
      const m = /\(?([^\s()]+):(\d+):\d+\)?$/.exec(line.trim());
      if (m && m[1] !== '<lantern>' && m[1] !== 'native') return `${m[1]}:${m[2]}`;
    }
    return '';
  };
  const logger = (level) => (...args) => N.log(level, args.map(fmt).join(' '), where());
  const console = Object.freeze({
    debug: logger(0), log: logger(1), info: logger(1), warn: logger(2), error: logger(3),
  });

  // The sandbox: no module system but the package's, no network, no processes.
  const denied = (what, instead) => function () {
    throw new Error(`${what} is not available in Lantern scripts: ${instead}`);
  };
  const lock = (name, value) => Object.defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: false });
  lock('lantern', lantern);
  lock('Layer', Layer);
  lock('console', console);
  lock('Date', LanternDate);
  lock('performance', Object.freeze({ now: () => clock.time * 1000, timeOrigin: 0 }));
  lock('require', denied('require()', "use ES module imports of the package's own files, e.g. import { x } from './util.js' (no filesystem)"));
  lock('fetch', denied('fetch()', 'scripts have no network access; ask the host with a command or use hot-zone payloads'));
  lock('XMLHttpRequest', denied('XMLHttpRequest', 'scripts have no network access'));
  lock('WebSocket', denied('WebSocket', 'scripts have no network access'));
  lock('importScripts', denied('importScripts()', "use ES module imports of the package's own files"));

  return {
    begin(frame, dt, time) {
      clock.frame = frame; clock.dt = dt; clock.time = time;
      trackingFresh = false;
    },
    dispatch(name, json) {
      const list = handlers[name];
      if (list.length === 0) return;
      let arg;
      if (name === 'update') {
        arg = { dt: clock.dt, frame: clock.frame, time: clock.time };
      } else {
        arg = json === undefined ? {} : JSON.parse(json);
      }
      const snapshot = list.length === 1 ? list : list.slice();
      for (let i = 0; i < snapshot.length; i++) snapshot[i](arg);
    },
    surface() {
      const own = (o) => Object.getOwnPropertyNames(o).filter((k) => k !== 'constructor').sort();
      return JSON.stringify({ lantern: own(lantern), layer: own(Layer.prototype).concat(['id']).sort(), events: EVENTS, audio: own(audio) });
    },
  };
})
