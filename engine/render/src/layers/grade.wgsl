// A colour grade: `rgb` looked up in a 3D LUT of `size` levels per axis (trilinear; texel centres
// at (i + 0.5) / size) and mixed with the original by `intensity`. Composed in front of the
// shaders that grade (lut.wgsl, background_graded.wgsl).

fn grade(rgb: vec3<f32>, table: texture_3d<f32>, s: sampler, size: f32, intensity: f32) -> vec3<f32> {
    let coord = clamp(rgb, vec3<f32>(0.0), vec3<f32>(1.0)) * ((size - 1.0) / size) + vec3<f32>(0.5 / size);
    let graded = textureSampleLevel(table, s, coord, 0.0).rgb;
    return mix(rgb, graded, clamp(intensity, 0.0, 1.0));
}
