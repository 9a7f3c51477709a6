// Particles: one instanced quad per live particle, drawn as a soft glowing disc (or a 4-point
// sparkle) in premultiplied colour. The CPU computes each particle's state from the emitter's
// seed and age, so the same frame index always gives the same particles.

struct View {
    size: vec2<f32>,
    _pad: vec2<f32>,
};

@group(0) @binding(0) var<uniform> view: View;

struct Instance {
    @location(0) center: vec2<f32>,
    @location(1) size_rot: vec2<f32>,
    @location(2) color: vec4<f32>,
    @location(3) shape: u32,
};

struct VsOut {
    @builtin(position) pos: vec4<f32>,
    @location(0) local: vec2<f32>,
    @location(1) color: vec4<f32>,
    @location(2) @interpolate(flat) shape: u32,
};

@vertex
fn vs(@builtin(vertex_index) i: u32, inst: Instance) -> VsOut {
    var corners = array<vec2<f32>, 6>(
        vec2<f32>(-1.0, -1.0), vec2<f32>(1.0, -1.0), vec2<f32>(-1.0, 1.0),
        vec2<f32>(-1.0, 1.0), vec2<f32>(1.0, -1.0), vec2<f32>(1.0, 1.0),
    );
    let c = corners[i];
    let s = sin(inst.size_rot.y);
    let k = cos(inst.size_rot.y);
    let r = vec2<f32>(c.x * k - c.y * s, c.x * s + c.y * k) * inst.size_rot.x * 0.5;
    let px = inst.center + r;
    var o: VsOut;
    o.pos = vec4<f32>(px.x / view.size.x * 2.0 - 1.0, 1.0 - px.y / view.size.y * 2.0, 0.0, 1.0);
    o.local = c;
    o.color = inst.color;
    o.shape = inst.shape;
    return o;
}

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let d = length(v.local);
    var a = 1.0 - smoothstep(0.35, 1.0, d);
    if (v.shape == 1u) {
        // Sparkle: a bright core plus two thin crossed rays.
        let ray = max(1.0 - smoothstep(0.0, 0.18, abs(v.local.x)), 1.0 - smoothstep(0.0, 0.18, abs(v.local.y)));
        a = max(1.0 - smoothstep(0.1, 0.45, d), ray * (1.0 - d));
    }
    let alpha = clamp(a, 0.0, 1.0) * v.color.a;
    return vec4<f32>(v.color.rgb * alpha, alpha);
}
