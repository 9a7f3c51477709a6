// The tappable layer over the video: one absolutely positioned <button> per hot-zone, keyed by
// zone id so an element follows its sprite from frame to frame (moved with a transform, never
// re-created while the zone lives). Zones are invisible tap targets unless the debug outline is
// on; a caught zone is marked and no longer tappable.

import type { HotZone } from "../generated/effect";
import type { Box } from "./layout";

export type ZoneView = { zone: HotZone; box: Box };

export class ZoneOverlay {
  private readonly elements = new Map<string, HTMLButtonElement>();
  private readonly zones = new Map<string, HotZone>();

  constructor(
    private readonly layer: HTMLElement,
    private readonly onTap: (zone: HotZone) => void,
  ) {}

  /** Shows exactly `views` (topmost last), with caught zones marked. */
  render(views: readonly ZoneView[], isCaught: (id: string) => boolean): void {
    const seen = new Set<string>();
    views.forEach(({ zone, box }, order) => {
      seen.add(zone.id);
      this.zones.set(zone.id, zone);
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
      this.tap(zone.id);
    });
    el.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        this.tap(zone.id);
      }
    });
    this.layer.append(el);
    this.elements.set(zone.id, el);
    return el;
  }

  private tap(id: string): void {
    const zone = this.zones.get(id);
    if (zone) this.onTap(zone);
  }
}
