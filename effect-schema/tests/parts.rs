//! Packages built from parts in memory: the same checks and messages as on disk, the same budget.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod common;

use std::path::Path;

use common::*;
use effect_schema::format::{Effect, Layer};
use effect_schema::package::write::{write_zip, zip_len};
use effect_schema::package::{Budgeted, PackageParts, effect_json};
use effect_schema::{Limits, Package, PackageError};

/// An effect whose types are right but whose content is wrong in several places.
const BROKEN_JSON: &str = r#"{
  "formatVersion": 1,
  "meta": { "name": "t", "author": "a", "version": "1" },
  "assets": [
    { "type": "image", "id": "img", "path": "img.png" },
    { "type": "image", "id": "missing", "path": "imgs.png" },
    { "type": "image", "id": "outside", "path": "../secret.png" }
  ],
  "layers": [
    { "type": "faceProp", "id": "a", "asset": "img", "anchor": "forehead" },
    { "type": "faceProp", "id": "a", "asset": "imgg", "anchor": "forehead" },
    { "type": "beauty", "id": "e", "smoothing": 1.5 }
  ],
  "triggers": [
    { "id": "t1", "when": { "on": "tap", "layer": "a" }, "actions": [ { "do": "burst", "layer": "a" } ] }
  ]
}"#;

fn effect(json: &str) -> Effect {
    serde_json::from_str(json).unwrap()
}

fn messages(err: &PackageError) -> Vec<String> {
    err.diagnostics().iter().map(ToString::to_string).collect()
}

/// A folder with a valid effect.json, its image and a note.
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("effect.json"), VALID_JSON).unwrap();
    std::fs::write(tmp.path().join("img.png"), png_header_only(64, 64)).unwrap();
    std::fs::write(tmp.path().join("extra.png"), png_header_only(8, 8)).unwrap();
    tmp
}

#[test]
fn a_broken_document_over_a_folder_reports_what_the_folder_would() {
    let tmp = project();
    let broken = effect(BROKEN_JSON);
    let limits = Limits::default();
    let in_memory = Package::open_dir_with_effect(tmp.path(), &broken, &limits).unwrap_err();
    // The same document saved into the folder.
    std::fs::write(
        tmp.path().join("effect.json"),
        effect_json(&broken).unwrap(),
    )
    .unwrap();
    let on_disk = Package::open(tmp.path()).unwrap_err();
    println!("{on_disk}");
    assert_eq!(messages(&in_memory), messages(&on_disk));
    assert_eq!(in_memory.to_string(), on_disk.to_string());
    let lines = messages(&in_memory);
    for needle in [
        "effect.json: /assets/1/path: file \"imgs.png\" is not in the package (did you mean \"img.png\"?)",
        "effect.json: /assets/2/path",
        "effect.json: /layers/1/asset: no asset with id \"imgg\"",
        "effect.json: /layers/2/smoothing",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(needle)),
            "{needle}: {lines:#?}"
        );
    }
    let dir = tmp.path().display().to_string();
    assert!(lines.iter().all(|l| !l.contains(&dir)), "{lines:#?}");
}

#[test]
fn the_document_in_memory_hides_the_folders_and_packs_like_it() {
    let tmp = project();
    let mut edited = effect(VALID_JSON);
    edited.meta.name = "edited".into();
    let json = effect_json(&edited).unwrap();
    let mut pkg = Package::open_dir_with_effect(tmp.path(), &edited, &Limits::default()).unwrap();
    assert_eq!(pkg.effect, edited);
    assert_eq!(pkg.name(), tmp.path().display().to_string());
    assert_eq!(pkg.files()["effect.json"], json.len() as u64);
    assert_eq!(pkg.read("effect.json").unwrap(), json);
    let warned: Vec<String> = pkg.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warned,
        ["extra.png: not referenced by effect.json (it is packed anyway)"]
    );
    // Written and reopened, and the same as the folder with that effect.json saved.
    let out = tempfile::tempdir().unwrap();
    let size = write_zip(&mut pkg, &out.path().join("a.zip")).unwrap();
    assert_eq!(zip_len(&mut pkg).unwrap(), size);
    assert_eq!(
        Package::open(&out.path().join("a.zip")).unwrap().effect,
        edited
    );
    std::fs::write(tmp.path().join("effect.json"), &json).unwrap();
    let mut saved = Package::open(tmp.path()).unwrap();
    let saved_size = write_zip(&mut saved, &out.path().join("b.zip")).unwrap();
    assert_eq!(
        std::fs::read(out.path().join("a.zip")).unwrap(),
        std::fs::read(out.path().join("b.zip")).unwrap()
    );
    assert_eq!(pkg.budget(size), saved.budget(saved_size));
}

#[test]
fn hostile_parts_are_refused_like_hostile_files() {
    let tmp = project();
    let limits = Limits::default();
    for (path, why) in [
        ("../x.png", "\"..\" would leave the package"),
        ("/etc/passwd", "absolute paths are not allowed"),
        ("a\\b.png", "backslash"),
        ("C:/x.png", "drive letters"),
    ] {
        let err = PackageParts::new()
            .over_dir(tmp.path())
            .file(path, b"x".to_vec())
            .open(&limits)
            .unwrap_err();
        let lines = messages(&err);
        assert!(lines.iter().any(|l| l.contains(why)), "{path}: {lines:?}");
    }
    let few = Limits {
        max_entries: 3,
        ..Limits::default()
    };
    let err = PackageParts::new()
        .over_dir(tmp.path())
        .file("more.png", b"x".to_vec())
        .open(&few)
        .unwrap_err();
    assert!(messages(&err)[0].contains("more than 3 files"), "{err}");
    let small = Limits {
        max_file_bytes: 4,
        ..Limits::default()
    };
    let err = PackageParts::new()
        .file("big.bin", vec![0; 5])
        .open(&small)
        .unwrap_err();
    assert!(messages(&err)[0].starts_with("big.bin: 5 bytes"), "{err}");
    // A symlink in the folder is still refused under a document from memory.
    std::os::unix::fs::symlink("/etc/hostname", tmp.path().join("link.png")).unwrap();
    let err = Package::open_dir_with_effect(tmp.path(), &effect(VALID_JSON), &limits).unwrap_err();
    assert!(
        messages(&err)[0].contains("link.png: symlinks are not allowed"),
        "{err}"
    );
    let err = Package::open_dir_with_effect(
        Path::new("/nonexistent/project"),
        &effect(VALID_JSON),
        &limits,
    )
    .unwrap_err();
    assert!(matches!(err, PackageError::NotFound { .. }), "{err}");
}

#[test]
fn an_effect_alone_is_a_package_of_one_file() {
    let mut pkg = Package::from_effect(&Effect::empty("Plain camera"), "plain camera").unwrap();
    assert_eq!(pkg.name(), "plain camera");
    assert_eq!(
        pkg.files().keys().copied().collect::<Vec<_>>(),
        ["effect.json"]
    );
    assert!(pkg.warnings.is_empty());
    assert!(zip_len(&mut pkg).unwrap() > 0);
    // With an asset but no file for it: the file is reported missing, nothing read from disk.
    let err = Package::from_effect(&effect(VALID_JSON), "mem").unwrap_err();
    assert_eq!(
        messages(&err),
        ["effect.json: /assets/0/path: file \"img.png\" is not in the package"]
    );
    assert!(err.to_string().starts_with("mem: 1 problem(s)"), "{err}");
}

#[test]
fn the_budget_is_what_pack_measures() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["lucky-hat", "heart-fireworks"] {
        let dir = repo_root().join("examples").join(name);
        let mut pkg = Package::open(&dir).unwrap();
        let size = write_zip(&mut pkg, &tmp.path().join(format!("{name}.zip"))).unwrap();
        assert_eq!(zip_len(&mut pkg).unwrap(), size);
        let budgets = pkg.effect.meta.budgets;
        let particles: u64 = pkg
            .effect
            .layers
            .iter()
            .map(|l| match l {
                Layer::Particles(p) => u64::from(p.max_particles),
                _ => 0,
            })
            .sum();
        let lines = pkg.budget(size);
        let got: Vec<(Budgeted, u64, u64)> =
            lines.iter().map(|l| (l.what, l.used, l.limit)).collect();
        assert_eq!(
            got,
            [
                (
                    Budgeted::PackageBytes,
                    size,
                    u64::from(budgets.max_package_bytes)
                ),
                (
                    Budgeted::TextureBytes,
                    pkg.texture_bytes(),
                    u64::from(budgets.max_texture_bytes)
                ),
                (
                    Budgeted::Particles,
                    particles,
                    u64::from(budgets.max_particles)
                ),
            ]
        );
        println!("{name}: {lines:?}");
        assert!(lines.iter().all(|l| !l.over()), "{name}: {lines:?}");
    }
}
