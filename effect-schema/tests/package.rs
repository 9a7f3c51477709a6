//! Package I/O against real files: the examples, hostile zips, bad manifests.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use effect_schema::package::write::write_zip;
use effect_schema::{Package, PackageError};

fn refused(path: &Path) -> (Vec<String>, Duration) {
    let start = Instant::now();
    let result = Package::open(path);
    let took = start.elapsed();
    match result {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(e) => (
            e.diagnostics().iter().map(ToString::to_string).collect(),
            took,
        ),
    }
}

fn assert_mentions(lines: &[String], needle: &str) {
    assert!(
        lines.iter().any(|l| l.contains(needle)),
        "no message mentions {needle:?}: {lines:#?}"
    );
}

#[test]
fn every_example_validates_packs_deterministically_and_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["lucky-hat", "heart-fireworks"] {
        let dir = repo_root().join("examples").join(name);
        let mut pkg = Package::open(&dir).unwrap_or_else(|e| panic!("{e}"));
        let a = tmp.path().join(format!("{name}-a.zip"));
        let b = tmp.path().join(format!("{name}-b.zip"));
        let size = write_zip(&mut pkg, &a).unwrap();
        write_zip(&mut pkg, &b).unwrap();
        let bytes = std::fs::read(&a).unwrap();
        assert_eq!(
            bytes,
            std::fs::read(&b).unwrap(),
            "{name}: packing is not deterministic"
        );
        println!(
            "{name}: packed {size} bytes, textures {} bytes",
            pkg.texture_bytes()
        );
        // Unpacks to the same content.
        let mut zipped = Package::open(&a).unwrap();
        assert_eq!(zipped.effect, pkg.effect);
        let files: Vec<String> = pkg.files().keys().map(|k| (*k).to_owned()).collect();
        assert_eq!(
            files,
            zipped
                .files()
                .keys()
                .map(|k| (*k).to_owned())
                .collect::<Vec<_>>()
        );
        for f in &files {
            assert_eq!(
                pkg.read(f).unwrap(),
                zipped.read(f).unwrap(),
                "{name}: {f} differs"
            );
            assert_eq!(zipped.read(f).unwrap(), std::fs::read(dir.join(f)).unwrap());
        }
        // No temp files left beside the output.
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}

#[test]
fn capabilities_follow_the_content() {
    let hat = Package::open(&repo_root().join("examples/lucky-hat")).unwrap();
    let caps = hat.capabilities();
    assert!(caps.face && caps.face_mesh && caps.hands && !caps.segmentation);
    assert_eq!(caps.max_faces, 2);
    assert_eq!(caps.max_hands, 2, "salute is two-handed");
    let fw = Package::open(&repo_root().join("examples/heart-fireworks")).unwrap();
    let caps = fw.capabilities();
    assert!(caps.segmentation && caps.hands && caps.face);
    assert_eq!(caps.max_faces, 1);
    println!("lucky-hat: {}\nheart-fireworks: {caps}", hat.capabilities());
    assert!(
        !hat.capabilities().hand_anchors,
        "the hat's hands only salute"
    );
}

/// A script may follow hand landmarks: one that names `landmarks` gets them every frame, one
/// that reads hands' boxes and gestures only (red-packet-rain) does not need them.
#[test]
fn a_script_that_names_landmarks_anchors_hands() {
    let rain = repo_root().join("examples/red-packet-rain");
    let caps = Package::open(&rain).unwrap().capabilities();
    assert!(caps.script && !caps.hand_anchors, "{caps}");
    let tmp = tempfile::tempdir().unwrap();
    for entry in walk(&rain) {
        let rel = entry.strip_prefix(&rain).unwrap();
        std::fs::create_dir_all(tmp.path().join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&entry, tmp.path().join(rel)).unwrap();
    }
    let main = tmp.path().join("main.js");
    let source = std::fs::read_to_string(&main).unwrap();
    std::fs::write(
        &main,
        format!("{source}\n// hands[0].landmarks[8]: the index tip\n"),
    )
    .unwrap();
    let caps = Package::open(tmp.path()).unwrap().capabilities();
    assert!(caps.hand_anchors, "{caps}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn hostile_zips_are_refused_fast_without_expanding() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let png = png_header_only(4, 4);
    let cases: Vec<(&str, std::path::PathBuf, &str)> = vec![
        (
            "traversal",
            t.join("traversal.zip"),
            "would leave the package",
        ),
        (
            "absolute",
            t.join("absolute.zip"),
            "absolute paths are not allowed",
        ),
        ("symlink", t.join("symlink.zip"), "symlinks are not allowed"),
        ("bomb-10GiB", t.join("bomb.zip"), "byte cap for one file"),
        (
            "100k-entries",
            t.join("many.zip"),
            "declares 100000 entries",
        ),
        ("30000px-png", t.join("huge-png.zip"), "30000x30000 pixels"),
        (
            "broken-json",
            t.join("broken.zip"),
            "not valid JSON at line 1",
        ),
        ("future-version", t.join("future.zip"), "update Lantern"),
    ];
    zip_of(
        &cases[0].1,
        &[
            ("effect.json", VALID_JSON.as_bytes()),
            ("../evil.png", &png),
        ],
    );
    zip_of(
        &cases[1].1,
        &[
            ("effect.json", VALID_JSON.as_bytes()),
            ("/etc/evil.png", &png),
        ],
    );
    symlink_zip(&cases[2].1, "/etc/passwd");
    zip_bomb(&cases[3].1, 10);
    many_entries(&cases[4].1, 100_000);
    zip_of(
        &cases[5].1,
        &[
            ("effect.json", VALID_JSON.as_bytes()),
            ("img.png", &png_header_only(30_000, 30_000)),
        ],
    );
    zip_of(
        &cases[6].1,
        &[("effect.json", b"{\"formatVersion\": 1,, }")],
    );
    zip_of(
        &cases[7].1,
        &[("effect.json", br#"{"formatVersion": 9, "meta": {}}"#)],
    );
    for (label, path, needle) in &cases {
        let (lines, took) = refused(path);
        println!(
            "refused {label:<15} {:>9} bytes in {:>7.2} ms: {}",
            std::fs::metadata(path).unwrap().len(),
            took.as_secs_f64() * 1000.0,
            lines.join(" | ")
        );
        assert_mentions(&lines, needle);
        assert!(took < Duration::from_secs(1), "{label} took {took:?}");
    }
    // Nothing was written beside the inputs (reading never extracts).
    assert_eq!(std::fs::read_dir(t).unwrap().count(), cases.len());
}

#[test]
fn a_high_ratio_entry_under_the_size_cap_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ratio.zip");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("effect.json", opts).unwrap();
    std::io::Write::write_all(&mut zip, VALID_JSON.as_bytes()).unwrap();
    zip.start_file("img.png", opts).unwrap();
    std::io::Write::write_all(&mut zip, &vec![0u8; 8 << 20]).unwrap();
    zip.finish().unwrap();
    let (lines, _) = refused(&path);
    assert_mentions(&lines, "compression ratio");
}

#[test]
fn a_symlinked_folder_entry_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("effect.json"), VALID_JSON).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", tmp.path().join("img.png")).unwrap();
    let (lines, _) = refused(tmp.path());
    assert_mentions(&lines, "img.png: symlinks are not allowed");
}

fn folder_with(json: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("effect.json"), json).unwrap();
    std::fs::write(tmp.path().join("img.png"), png_header_only(64, 64)).unwrap();
    tmp
}

#[test]
fn all_errors_are_listed_with_pointers_and_suggestions() {
    let json = r#"{
      "formatVersion": 1,
      "meta": { "name": "t", "author": "a", "version": "1", "budgets": { "maxFaces": 12 } },
      "assets": [
        { "type": "image", "id": "img", "path": "img.png" },
        { "type": "image", "id": "missing", "path": "imgs.png" },
        { "type": "imag", "id": "x", "path": "img.png" }
      ],
      "layers": [
        { "type": "faceProp", "id": "a", "asset": "img", "anchor": "forehead" },
        { "type": "faceProp", "id": "b", "asset": "imgg", "anchor": "forehead" },
        { "type": "sticker", "id": "c", "asset": "img", "placement": { "position": { "x": 0, "y": 0 }, "width": "wide" } },
        { "type": "faceProp", "id": "d", "asset": "img", "anchor": "forhead" },
        { "type": "beauty", "id": "e", "smoothing": 1.5 },
        { "type": "text", "id": "f", "template": "hi", "font": "img", "size": 0.1, "fill": "red", "placement": { "position": { "x": 0, "y": 0 }, "width": 1 } }
      ],
      "triggers": [
        { "id": "t1", "when": { "on": "gesture", "gesture": "thumbUp" }, "actions": [ { "do": "show", "layer": "aa" } ] },
        { "id": "t2", "when": { "on": "tap", "layer": "a" }, "actions": [ { "do": "burst", "layer": "a" } ] }
      ]
    }"#;
    let tmp = folder_with(json);
    let (lines, _) = refused(tmp.path());
    println!("{}", lines.join("\n"));
    for needle in [
        "effect.json: /assets/1/path: file \"imgs.png\" is not in the package (did you mean \"img.png\"?)",
        "effect.json: /assets/2/type: unknown value \"imag\" (did you mean \"image\"?)",
        "effect.json: /layers/1/asset: no asset with id \"imgg\" (did you mean \"img\"?)",
        "effect.json: /layers/2/placement/width: invalid type: string \"wide\", expected f32",
        "effect.json: /layers/3/anchor: unknown value \"forhead\" (did you mean \"forehead\"?)",
        "effect.json: /layers/4/smoothing: smoothing must be between 0 and 1, found 1.5",
        "effect.json: /layers/5/font: asset \"img\" is a image, but a text layer needs a font asset",
        "effect.json: /layers/5/fill: colour \"red\" is not #rrggbb",
        "effect.json: /triggers/0/when/gesture: unknown value \"thumbUp\" (did you mean \"thumbsUp\"?)",
        "effect.json: /triggers/1/when/layer: layer \"a\" is not interactive",
        "effect.json: /triggers/1/actions/0/layer: \"burst\" needs a particles layer",
        "effect.json: /meta/budgets/maxFaces: 12 faces: Lantern tracks 1 to 8",
    ] {
        assert_mentions(&lines, needle);
    }
}

#[test]
fn wrong_types_dangling_references_and_missing_meta_are_reported() {
    let tmp = folder_with(r#"{"formatVersion": 1, "layers": {}, "script": "nope", "extra": 1}"#);
    let (lines, _) = refused(tmp.path());
    assert_mentions(&lines, "effect.json: /layers: expected a list");
    assert_mentions(&lines, "missing \"meta\"");
    assert_mentions(&lines, "effect.json: /extra: unknown field \"extra\"");
    let tmp = folder_with(&VALID_JSON.replace("\"id\": \"p\"", "\"id\": \"img\""));
    let (lines, _) = refused(tmp.path());
    assert_mentions(&lines, "/layers/0/id: id \"img\" is used twice");
}

#[test]
fn missing_package_is_a_clear_error() {
    let err = Package::open(Path::new("/nonexistent/pkg")).unwrap_err();
    assert!(matches!(err, PackageError::NotFound { .. }));
    assert!(err.to_string().contains("no such package"));
}

#[test]
fn reading_from_memory_never_panics_on_garbage() {
    let limits = effect_schema::Limits::default();
    for bytes in [
        Vec::new(),
        b"PK\x05\x06".to_vec(),
        vec![0xFF; 4096],
        b"PK\x03\x04garbage".to_vec(),
    ] {
        assert!(Package::from_zip_bytes(bytes, &limits).is_err());
    }
}

#[test]
fn animations_sounds_and_particle_curves_are_checked_with_pointers() {
    let json = r#"{
      "formatVersion": 1,
      "meta": { "name": "t", "author": "a", "version": "1" },
      "assets": [
        { "type": "image", "id": "img", "path": "img.png" },
        { "type": "audio", "id": "fake", "path": "img.png" }
      ],
      "layers": [
        { "type": "sticker", "id": "s", "asset": "img", "placement": { "position": { "x": 0, "y": 0 }, "width": 1 } },
        { "type": "beauty", "id": "b", "smoothing": 0.5 },
        { "type": "particles", "id": "p", "sprite": "img", "placement": { "position": { "x": 0, "y": 0 }, "width": 1 },
          "maxParticles": 10, "lifetime": { "min": 1, "max": 2 }, "speed": { "min": 0, "max": 1 }, "size": { "min": 0.01, "max": 0.02 },
          "colors": ["gold"], "trail": { "count": 40, "spacing": 0.02 }, "overLife": { "opacity": [ { "time": 2, "value": 1 } ] } }
      ],
      "animations": [
        { "layer": "s", "name": "pop", "tracks": { "scale": [ { "time": 0.5, "value": 1 }, { "time": 0.2, "value": 2 } ] } },
        { "layer": "s", "name": "pop", "tracks": { "opacity": [ { "time": 0, "value": 1, "ease": { "spring": { "bounce": 2 } } } ] } },
        { "layer": "b", "name": "grow", "tracks": { "scale": [ { "time": 0, "value": 1 } ] } },
        { "layer": "ghost", "name": "x", "tracks": { "opacity": [ { "time": 0, "value": 1 } ] } },
        { "layer": "s", "name": "empty" }
      ],
      "music": { "sound": "img" },
      "triggers": [
        { "id": "t", "when": { "on": "command", "name": "go" }, "actions": [
          { "do": "animate", "layer": "s", "animation": "pops" },
          { "do": "playSound", "sound": "nope", "volume": 3 }
        ] }
      ]
    }"#;
    let tmp = folder_with(json);
    let (lines, _) = refused(tmp.path());
    println!("{}", lines.join("\n"));
    for needle in [
        "effect.json: /animations/0/tracks/scale/1/time: keys must be in time order",
        "effect.json: /animations/1/name: layer \"s\" has two animations named \"pop\"",
        "effect.json: /animations/1/tracks/opacity/0/ease/spring/bounce: a spring's bounce must be in 0..0.9",
        "effect.json: /animations/2/tracks/scale: a beauty layer cannot animate scale",
        "effect.json: /animations/3/layer: no layer with id \"ghost\"",
        "effect.json: /animations/4/tracks: an animation needs at least one key",
        "effect.json: /music/sound: asset \"img\" is a image, but \"music\" needs an audio asset",
        "effect.json: /triggers/0/actions/0/animation: layer \"s\" has no animation \"pops\" (did you mean \"pop\"?)",
        "effect.json: /triggers/0/actions/1/sound: no asset with id \"nope\"",
        "effect.json: /triggers/0/actions/1/volume: volume must be between 0 and 1, found 3",
        "effect.json: /layers/2/colors/0: colour \"gold\" is not #rrggbb",
        "effect.json: /layers/2/trail/count: a trail has 1 to 16 copies, found 40",
        "effect.json: /layers/2/overLife/opacity/0/time: key time must be between 0 and 1",
        "img.png: not an audio file Lantern plays",
    ] {
        assert_mentions(&lines, needle);
    }
}
