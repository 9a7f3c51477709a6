// Background and a colour filter in one pass: the camera frame fitted to the output (as
// background.wgsl), then looked up in a 3D LUT and mixed by intensity (as lut.wgsl). Drawn when
// a colour filter directly follows the background, it saves a full-frame pass and a target
// write (on a software rasteriser, a few milliseconds of CPU per 720p frame).
// The vertex stage (`vs`, `VsOut`, layers/fullscreen.wgsl) and `grade` (layers/grade.wgsl) are
// composed in front of this file.

struct Params {
    xform: vec4<f32>,
    intensity: f32,
    size: f32,
    _pad: vec2<f32>,
};

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var samp: sampler;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var lut: texture_3d<f32>;

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let uv = v.uv * params.xform.xy + params.xform.zw;
    let c = textureSampleLevel(src, samp, clamp(uv, vec2<f32>(0.0), vec2<f32>(1.0)), 0.0);
    let inside = all(uv >= vec2<f32>(0.0)) && all(uv <= vec2<f32>(1.0));
    let base = select(vec3<f32>(0.0), c.rgb, inside);
    return vec4<f32>(grade(base, lut, samp, params.size, params.intensity), 1.0);
}
