//! #18 in the preview for real: sounds the effect cues reach the webview with their frame, and
//! the timeline's requests pose, play and stop a layer's clip (lavapipe renders).

use serde_json::{Value, json};

use super::tests::{next, options, start, starter, until};
use super::*;
use crate::project::test_support::{file, png_red, project, wav};

/// A full-frame red sticker with a clip that fades it out over a second, a sound, and a timer
/// that plays the sound every 0.1 s.
fn fading_sticker() -> Value {
    let mut e = starter(
        json!([{ "type": "sticker", "id": "red", "asset": "redImage",
                 "placement": { "relativeTo": "frame", "position": { "x": 0.5, "y": 0.5 }, "width": 3.0 } }]),
        json!([{ "type": "image", "id": "redImage", "path": "images/red.png" },
               { "type": "audio", "id": "pop", "path": "sounds/pop.wav" }]),
    );
    e["animations"] = json!([{ "layer": "red", "name": "fade",
        "tracks": { "opacity": [{ "time": 0, "value": 1 }, { "time": 1, "value": 0 }] } }]);
    e["triggers"] = json!([{ "id": "tick", "when": { "on": "timer", "every": 0.1, "after": 0 },
        "cooldown": 0, "actions": [{ "do": "playSound", "sound": "pop", "volume": 0.5 }] }]);
    e
}

/// The centre pixel's red channel.
fn red_at_centre(info: &Value, pixels: &[u8]) -> u8 {
    let (w, h) = (
        info["width"].as_u64().unwrap(),
        info["height"].as_u64().unwrap(),
    );
    pixels[((h / 2 * w + w / 2) * 4) as usize]
}

#[test]
fn cued_sounds_travel_with_frames_and_the_timeline_poses_plays_and_stops_clips() {
    let (_tmp, dir) = project();
    file(&dir, "images/red.png", &png_red(8, 8, 250));
    file(&dir, "sounds/pop.wav", &wav());
    let black = file(&dir, "black.png", &png_red(32, 32, 0));
    let (preview, rx) = start(
        &dir,
        &fading_sticker(),
        PreviewSource::Photo { path: black },
        options(32, 32, false),
    )
    .unwrap();
    let (info, _) = until(&preview, &rx, 200, |i, _| i.get("sounds").is_some());
    assert_eq!(
        info["sounds"],
        json!([{ "cue": "play", "sound": "pop", "volume": 0.5, "loop": false }])
    );
    // Scrubbed to the clip's end: the sticker is faded out; back to the start: red again.
    preview.animate(AnimationRequest::Pose {
        layer: "red".into(),
        animation: "fade".into(),
        seconds: 1.0,
    });
    until(&preview, &rx, 100, |i, p| red_at_centre(i, p) < 10);
    preview.animate(AnimationRequest::Pose {
        layer: "red".into(),
        animation: "fade".into(),
        seconds: 0.0,
    });
    until(&preview, &rx, 100, |i, p| red_at_centre(i, p) > 240);
    // Half way, held across a document swap (the edit rebuilds the player).
    preview.animate(AnimationRequest::Pose {
        layer: "red".into(),
        animation: "fade".into(),
        seconds: 0.5,
    });
    until(&preview, &rx, 100, |i, p| {
        (100..160).contains(&red_at_centre(i, p))
    });
    let mut edited = fading_sticker();
    edited["meta"]["name"] = json!("Edited");
    preview.reload(crate::project::document::from_value(&edited).unwrap());
    for _ in 0..10 {
        let (i, p) = next(&preview, &rx);
        assert!(
            (100..160).contains(&red_at_centre(&i, &p)),
            "the pose holds"
        );
    }
    // Stop lets the layer go; Play plays the clip from its start (it fades out and holds).
    preview.animate(AnimationRequest::Stop {
        layer: "red".into(),
    });
    until(&preview, &rx, 100, |i, p| red_at_centre(i, p) > 240);
    preview.animate(AnimationRequest::Play {
        layer: "red".into(),
        animation: "fade".into(),
    });
    until(&preview, &rx, 300, |i, p| red_at_centre(i, p) < 10);
    // An unknown clip is a console line, not a stopped preview.
    preview.animate(AnimationRequest::Play {
        layer: "red".into(),
        animation: "nope".into(),
    });
    let (info, _) = until(&preview, &rx, 100, |i, _| {
        i["logs"].as_array().is_some_and(|l| !l.is_empty())
    });
    let line = &info["logs"][0];
    assert_eq!(line["level"], "warn");
    assert!(
        line["message"]
            .as_str()
            .unwrap()
            .contains("no animation \"nope\""),
        "{line}"
    );
}
