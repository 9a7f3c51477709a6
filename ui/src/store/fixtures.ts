// Documents for the tests.
import type { Effect } from "../generated/effect";

export function emptyEffect(): Effect {
  return {
    formatVersion: 1,
    meta: {
      name: "Test",
      author: "",
      version: "1.0.0",
      description: "",
      targetResolution: { width: 1080, height: 1920 },
      budgets: { maxPackageBytes: 20971520, maxTextureBytes: 134217728, maxParticles: 2000, maxFaces: 2,
        maxAudioSeconds: 120, maxAudioBytes: 50331648 },
    },
    assets: [{ type: "image", id: "hat", path: "images/hat.png" }],
    layers: [],
    triggers: [],
  };
}
