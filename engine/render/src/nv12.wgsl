// RGBA -> NV12 for the encoder, BT.709 limited range (Y 16..235, CbCr 16..240).
// Pass 1 (fs_y) writes the full-size R8 luma plane. Pass 2 (fs_uv) runs at half size into an
// RG8 target: each fragment averages its 2x2 source block, then converts to CbCr. Exact texel
// loads (no sampler) are cheaper than filtering on CPU rasterisers and match the CPU reference.
// The vertex stage (`vs`, `VsOut`) is layers/fullscreen.wgsl, composed in front of this file.

@group(0) @binding(0) var src: texture_2d<f32>;

fn luma(c: vec3<f32>) -> f32 {
    return (16.0 + 219.0 * dot(c, vec3<f32>(0.2126, 0.7152, 0.0722))) / 255.0;
}

@fragment
fn fs_y(v: VsOut) -> @location(0) vec4<f32> {
    let c = textureLoad(src, vec2<i32>(v.pos.xy), 0).rgb;
    return vec4<f32>(luma(c), 0.0, 0.0, 1.0);
}

@fragment
fn fs_uv(v: VsOut) -> @location(0) vec4<f32> {
    let p = vec2<i32>(v.pos.xy) * 2;
    let c = 0.25 * (textureLoad(src, p, 0).rgb + textureLoad(src, p + vec2<i32>(1, 0), 0).rgb
        + textureLoad(src, p + vec2<i32>(0, 1), 0).rgb + textureLoad(src, p + vec2<i32>(1, 1), 0).rgb);
    let y = dot(c, vec3<f32>(0.2126, 0.7152, 0.0722));
    let cb = (c.b - y) / 1.8556;
    let cr = (c.r - y) / 1.5748;
    return vec4<f32>((128.0 + 224.0 * cb) / 255.0, (128.0 + 224.0 * cr) / 255.0, 0.0, 1.0);
}
