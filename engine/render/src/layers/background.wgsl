// Background: the camera frame fitted to the output (cover/contain/stretch), drawn opaque.
// uv_src = uv_out * xform.xy + xform.zw; outside the source is black (letterbox).
// The vertex stage (`vs`, `VsOut`) is layers/fullscreen.wgsl, composed in front of this file.

struct Params {
    xform: vec4<f32>,
};

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var samp: sampler;
@group(0) @binding(2) var<uniform> params: Params;

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let uv = v.uv * params.xform.xy + params.xform.zw;
    let c = textureSampleLevel(src, samp, clamp(uv, vec2<f32>(0.0), vec2<f32>(1.0)), 0.0);
    let inside = all(uv >= vec2<f32>(0.0)) && all(uv <= vec2<f32>(1.0));
    return select(vec4<f32>(0.0, 0.0, 0.0, 1.0), vec4<f32>(c.rgb, 1.0), inside);
}
