// Beauty: edge-preserving skin smoothing (a colour-weighted bilateral filter over two rings of
// taps) and brightening, limited to elliptical face regions and gated by a skin-tone test in
// YCbCr so eyes, brows, lips and hair keep their detail.
// The vertex stage (`vs`, `VsOut`) is layers/fullscreen.wgsl, composed in front of this file.

struct Params {
    faces: array<vec4<f32>, 4>,   // centre.xy, radii.xy in pixels
    rots: vec4<f32>,              // roll of each face, radians
    amount: vec4<f32>,            // smoothing, brighten, face count, filter radius (px)
    size: vec4<f32>,              // output width, height
};

@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var samp: sampler;
@group(0) @binding(2) var<uniform> params: Params;

fn face_mask(p: vec2<f32>) -> f32 {
    var m = 0.0;
    let n = i32(params.amount.z);
    for (var i = 0; i < 4; i = i + 1) {
        if (i < n) {
            let f = params.faces[i];
            let d = p - f.xy;
            let s = sin(-params.rots[i]);
            let c = cos(-params.rots[i]);
            let q = vec2<f32>(d.x * c - d.y * s, d.x * s + d.y * c) / max(f.zw, vec2<f32>(1.0));
            m = max(m, 1.0 - smoothstep(0.75, 1.0, length(q)));
        }
    }
    return m;
}

fn skin(c: vec3<f32>) -> f32 {
    let cb = -0.1146 * c.r - 0.3854 * c.g + 0.5 * c.b;
    let cr = 0.5 * c.r - 0.4542 * c.g - 0.0458 * c.b;
    // Typical skin sits around cb ≈ -0.07, cr ≈ 0.08 (BT.709, centred).
    let d = length((vec2<f32>(cb, cr) - vec2<f32>(-0.07, 0.08)) / vec2<f32>(0.09, 0.08));
    return 1.0 - smoothstep(0.8, 1.4, d);
}

// The twelve tap directions (every 30 degrees), so no pixel pays for trigonometry.
const DIRS = array<vec2<f32>, 12>(
    vec2<f32>(1.0, 0.0), vec2<f32>(0.8660254, 0.5), vec2<f32>(0.5, 0.8660254),
    vec2<f32>(0.0, 1.0), vec2<f32>(-0.5, 0.8660254), vec2<f32>(-0.8660254, 0.5),
    vec2<f32>(-1.0, 0.0), vec2<f32>(-0.8660254, -0.5), vec2<f32>(-0.5, -0.8660254),
    vec2<f32>(0.0, -1.0), vec2<f32>(0.5, -0.8660254), vec2<f32>(0.8660254, -0.5),
);

@fragment
fn fs(v: VsOut) -> @location(0) vec4<f32> {
    let c = textureSampleLevel(src, samp, v.uv, 0.0);
    let m = face_mask(v.uv * params.size.xy);
    // Outside the faces, and on non-skin pixels (eyes, brows, lips, hair), nothing changes:
    // skip the filter taps there — on a CPU rasteriser they are most of the cost.
    let gate = m * skin(c.rgb);
    if (gate <= 0.0) {
        return c;
    }
    let texel = 1.0 / params.size.xy;
    let radius = max(params.amount.w, 1.0);
    var sum = c.rgb;
    var wsum = 1.0;
    for (var k = 0; k < 12; k = k + 1) {
        let dir = DIRS[k];
        for (var r = 1; r <= 2; r = r + 1) {
            let off = dir * radius * f32(r) * 0.5 * texel;
            let s = textureSampleLevel(src, samp, v.uv + off, 0.0).rgb;
            let diff = s - c.rgb;
            let w = exp(-dot(diff, diff) / (2.0 * 0.1 * 0.1));
            sum = sum + s * w;
            wsum = wsum + w;
        }
    }
    let smoothed = sum / wsum;
    var out = mix(c.rgb, smoothed, clamp(params.amount.x, 0.0, 1.0) * gate);
    let bright = 1.0 - (1.0 - out) * (1.0 - out);
    out = mix(out, bright, clamp(params.amount.y, 0.0, 1.0) * 0.6 * gate);
    return vec4<f32>(out, c.a);
}
