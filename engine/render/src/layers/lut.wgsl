// Colour filter: each pixel graded by a 3D LUT (`grade`, layers/grade.wgsl).
// The vertex stage (`vs`, `VsOut`) is layers/fullscreen.wgsl; both are composed in front of this
// file.

struct Params {
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
    let c = textureSampleLevel(src, samp, v.uv, 0.0);
    return vec4<f32>(grade(c.rgb, lut, samp, params.size, params.intensity), c.a);
}
