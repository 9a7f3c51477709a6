// Colour filter: look each pixel up in a 3D LUT (trilinear) and mix with the original by intensity.
// The LUT has `size` levels per axis; texel centres sit at (i + 0.5) / size.
// The vertex stage (`vs`, `VsOut`) is layers/fullscreen.wgsl, composed in front of this file.

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
    let coord = clamp(c.rgb, vec3<f32>(0.0), vec3<f32>(1.0)) * ((params.size - 1.0) / params.size) + vec3<f32>(0.5 / params.size);
    let graded = textureSampleLevel(lut, samp, coord, 0.0).rgb;
    return vec4<f32>(mix(c.rgb, graded, clamp(params.intensity, 0.0, 1.0)), c.a);
}
