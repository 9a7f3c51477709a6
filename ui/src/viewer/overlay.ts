// The tappable layer over the video: one absolutely positioned <button> per hot-zone, keyed by
// zone id so an element follows its sprite from frame to frame (moved with a transform, never
// re-created while the zone lives). Zones are invisible tap targets unless the debug outline is
// on; a caught zone is marked and no longer tappable. A tap reports where it landed (relative to
// the layer, which has the video element's box) because a live room checks the point.

import type { HotZone } from "../generated/effect";
import type { Box } from "./layout";

export type ZoneView = { zone: HotZone; box: Box };
/** A point in CSS pixels relative to the layer's (and so the video element's) top-left corner. */
export type TapPoint = { x: number; y: number };

export class ZoneOverlay {
  private readonly elements = new Map<string, HTMLButtonElement>();
  private readonly zones = new Map<string, ZoneView>();

  constructor(
    private readonly layer: HTMLElement,
    private readonly onTap: (zone: HotZone, at: TapPoint) => void,
  ) {}

  /** Shows exactly `views` (topmost last), with caught zones marked. */
  render(views: readonly ZoneView[], isCaught: (id: string) => boolean): void {
    const seen = new Set<string>();
    views.forEach(({ zone, box }, order) => {
      seen.add(zone.id);
      this.zones.set(zone.id, { zone, box });
      const el = this.elements.get(zone.id) ?? this.create(zone);
      el.style.transform = `translate(${box.x}px, ${box.y}px)`;
      el.style.width = `${box.width}px`;
      el.style.height = `${box.height}px`;
      el.style.zIndex = String(order + 1);
      el.dataset.kind = zone.kind;
      el.classList.toggle("caught", isCaught(zone.id));
    });
    for (const [id, el] of this.elements) {
      if (!seen.has(id)) {
        el.remove();
        this.elements.delete(id);
        this.zones.delete(id);
      }
    }
  }

  clear(): void {
    this.render([], () => false);
  }

  private create(zone: HotZone): HTMLButtonElement {
    const el = document.createElement("button");
    el.type = "button";
    el.className = "zone";
    el.dataset.zoneId = zone.id;
    el.setAttribute("aria-label", `${zone.kind} ${zone.id}`);
    const label = document.createElement("span");
    label.className = "zone-label";
    label.textContent = `${zone.kind} · ${zone.id}`;
    el.append(label);
    // pointerdown, not click: a falling red packet moves between press and release.
    el.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      const layer = this.layer.getBoundingClientRect();
      this.tap(zone.id, { x: e.clientX - layer.left, y: e.clientY - layer.top });
    });
    el.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        this.tap(zone.id, null);
      }
    });
    this.layer.append(el);
    this.elements.set(zone.id, el);
    return el;
  }

  /** `at` null (a key press): the middle of the zone as drawn. */
  private tap(id: string, at: TapPoint | null): void {
    const view = this.zones.get(id);
    if (!view) return;
    const { box } = view;
    this.onTap(view.zone, at ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  }
}
