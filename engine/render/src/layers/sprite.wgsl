// Sprites: one instanced quad per sprite. The CPU computes each quad's origin and axis vectors
// (position, size, anchor, rotation, yaw squash) in output pixels; the shader maps them to clip
// space, samples the sprite's texture-array layer and outputs premultiplied colour (with alpha 0
// for additive sprites, which the premultiplied blend turns into a plain sum).

struct View {
    size: vec2<f32>,
    _pad: vec2<f32>,
};

@group(0) @binding(0) var<uniform> view: View;
@group(0) @binding(1) var samp: sampler;
@group(1) @binding(0) var tex: texture_2d_array<f32>;

struct Instance {
    @location(0) origin: vec2<f32>,
    @location(1) axis_x: vec2<f32>,
    @location(2) axis_y: vec2<f32>,
    @location(3) tint: vec4<f32>,
    @location(4) layer: u32,
    @location(5) additive: f32,
};

struct VsOut {
    @builtin(position) pos: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) tint: vec4<f32>,
    @location(2) @interpolate(flat) layer: u32,
    @location(3) @interpolate(flat) additive: f32,
};

@vertex
fn vs(@builtin(vertex_index) i: u32, inst: Instance) -> VsOut {
    // Two triangles: (0,0) (1,0) (0,1) / (0,1) (1,0) (1,1).
    var corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0), vec2<f32>(1.0, 0.0), vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0), vec2<f32>(1.0, 0.0), vec2<f32>(1.0, 1.0),
    );
    let c = corners[i];
    let px = inst.origin + c.x * inst.axis_x + c.y * inst.axis_y;
    var o: VsOut;
    o.pos = vec4<f32>(px.x / view.size.x * 2.0 - 1.0, 1.0 - px.y / view.size.y * 2.0, 0.0, 1.0);
    o.uv = c;
    o.tint = inst.tint;
    o.layer = inst.layer;
    o.additive = inst.additive;
    return o;
}

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let c = textureSample(tex, samp, v.uv, v.layer) * v.tint;
    // Additive sprites write no alpha: the premultiplied blend then adds their colour.
    return vec4<f32>(c.rgb * c.a, c.a * (1.0 - v.additive));
}
