// Background segmentation: keep the person (mask = 1) and replace what is behind with another
// image, a blur of the frame (a 32-tap Vogel disc) or a flat colour.
// The vertex stage (`vs`, `VsOut`) is layers/fullscreen.wgsl, composed in front of this file.

struct Params {
    mask_xform: vec4<f32>,   // output uv -> mask uv
    repl_xform: vec4<f32>,   // output uv -> replacement uv
    color: vec4<f32>,        // flat colour (mode 2)
    mode: vec4<f32>,         // mode (0 replace, 1 blur, 2 colour), blur radius px, width, height
};

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var samp: sampler;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var mask: texture_2d<f32>;
@group(0) @binding(4) var repl: texture_2d<f32>;

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let c = textureSampleLevel(src, samp, v.uv, 0.0);
    let muv = clamp(v.uv * params.mask_xform.xy + params.mask_xform.zw, vec2<f32>(0.0), vec2<f32>(1.0));
    let m = clamp(textureSampleLevel(mask, samp, muv, 0.0).r, 0.0, 1.0);
    var bg = params.color.rgb;
    let mode = i32(params.mode.x);
    if (mode == 0) {
        let ruv = clamp(v.uv * params.repl_xform.xy + params.repl_xform.zw, vec2<f32>(0.0), vec2<f32>(1.0));
        bg = textureSampleLevel(repl, samp, ruv, 0.0).rgb;
    } else if (mode == 1) {
        let texel = 1.0 / params.mode.zw;
        var sum = vec3<f32>(0.0);
        for (var k = 0; k < 32; k = k + 1) {
            let r = sqrt((f32(k) + 0.5) / 32.0) * params.mode.y;
            let a = f32(k) * 2.39996323;
            sum = sum + textureSampleLevel(src, samp, v.uv + vec2<f32>(cos(a), sin(a)) * r * texel, 0.0).rgb;
        }
        bg = sum / 32.0;
    }
    return vec4<f32>(mix(bg, c.rgb, m), c.a);
}
