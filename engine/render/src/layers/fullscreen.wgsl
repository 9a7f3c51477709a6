// The full-screen triangle every full-frame pass draws (background, filters, NV12): three
// vertices, no buffers, covering the target; `uv` runs 0..1 over the target, y down.
// Composed in front of each full-frame shader (see `layers::fullscreen`).

struct VsOut {
    @builtin(position) pos: vec4<f32>,
    @location(0) uv: vec2<f32>,
};

@vertex
fn vs(@builtin(vertex_index) i: u32) -> VsOut {
    let uv = vec2<f32>(f32((i << 1u) & 2u), f32(i & 2u));
    var o: VsOut;
    o.pos = vec4<f32>(uv.x * 2.0 - 1.0, 1.0 - uv.y * 2.0, 0.0, 1.0);
    o.uv = uv;
    return o;
}
