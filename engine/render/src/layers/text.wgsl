// Text: one instanced quad per glyph, sampling the R8 coverage atlas (strokes and shadows draw
// glyphs the atlas holds dilated, see dilate.rs).

struct View {
    size: vec2<f32>,
    _pad: vec2<f32>,
};

@group(0) @binding(0) var<uniform> view: View;
@group(0) @binding(1) var samp: sampler;
@group(0) @binding(2) var atlas: texture_2d<f32>;

struct Instance {
    @location(0) rect: vec4<f32>,
    @location(1) uv: vec4<f32>,
    @location(2) color: vec4<f32>,
};

struct VsOut {
    @builtin(position) pos: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) color: vec4<f32>,
};

@vertex
fn vs(@builtin(vertex_index) i: u32, inst: Instance) -> VsOut {
    var corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0), vec2<f32>(1.0, 0.0), vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0), vec2<f32>(1.0, 0.0), vec2<f32>(1.0, 1.0),
    );
    let c = corners[i];
    let px = inst.rect.xy + c * inst.rect.zw;
    var o: VsOut;
    o.pos = vec4<f32>(px.x / view.size.x * 2.0 - 1.0, 1.0 - px.y / view.size.y * 2.0, 0.0, 1.0);
    o.uv = mix(inst.uv.xy, inst.uv.zw, c);
    o.color = inst.color;
    return o;
}

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let cov = textureSampleLevel(atlas, samp, v.uv, 0.0).r;
    let alpha = clamp(cov, 0.0, 1.0) * v.color.a;
    return vec4<f32>(v.color.rgb * alpha, alpha);
}
