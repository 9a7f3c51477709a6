// Background: the camera frame fitted to the output (cover/contain/stretch), drawn opaque.
// uv_src = uv_out * xform.xy + xform.zw; outside the source is black (letterbox).

struct Params {
    xform: vec4<f32>,
};

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var samp: sampler;
@group(0) @binding(2) var<uniform> params: Params;

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

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let uv = v.uv * params.xform.xy + params.xform.zw;
    let c = textureSampleLevel(src, samp, clamp(uv, vec2<f32>(0.0), vec2<f32>(1.0)), 0.0);
    let inside = all(uv >= vec2<f32>(0.0)) && all(uv <= vec2<f32>(1.0));
    return select(vec4<f32>(0.0, 0.0, 0.0, 1.0), vec4<f32>(c.rgb, 1.0), inside);
}
