use lantern_engine::schema::format::{FacePropLayer, Layer, Vec2};
use lantern_engine::schema::vocab::FaceAnchor;

use super::*;
use crate::project::document;
use crate::project::import::{ImportAs, import};
use crate::project::test_support::{self as t, project};

fn face_prop(id: &str, asset: &str) -> Layer {
    Layer::FaceProp(FacePropLayer {
        id: id.into(),
        visible: true,
        hot_zone: None,
        asset: asset.into(),
        anchor: FaceAnchor::Forehead,
        offset: Vec2 { x: 0.0, y: -0.5 },
        scale: 1.5,
        rotation: 0.0,
        follow_rotation: true,
        face: Some(0),
        pivot: Vec2 { x: 0.5, y: 0.5 },
    })
}

/// A project with one imported sticker; returns the temp guard, folder and edited (unsaved) effect.
fn with_sticker() -> (tempfile::TempDir, PathBuf, Effect) {
    let (tmp, dir) = project();
    let src = t::file(tmp.path(), "hat.png", &t::png(64, 64));
    let imported = import(&dir, &[src], &[], ImportAs::Auto).unwrap().remove(0);
    let mut effect = document::open(&dir).unwrap().effect;
    effect.assets.push(imported.asset);
    effect.layers.push(face_prop("hatProp", "hat"));
    (tmp, dir, effect)
}

#[test]
fn check_sees_the_unsaved_document_and_reports_budgets() {
    let (_tmp, dir, effect) = with_sticker();
    // effect.json on disk has no assets: the image is unreferenced there, used in the edit.
    let report = check(&dir, &effect).unwrap();
    assert!(report.valid, "{:?}", report.problems);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.files, 2);
    assert!(report.capabilities.face && report.capabilities.face_mesh);
    let names: Vec<&str> = report.budget.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["packageBytes", "textureBytes", "particles"]);
    assert_eq!(report.budget[1].used, 64 * 64 * 4);
    assert!(report.budget[0].used > 0 && !report.budget[0].over);
    // Nothing of the check is left in the project.
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}"); // effect.json, images/
}

#[test]
fn problems_come_with_file_and_pointer() {
    let (_tmp, dir, mut effect) = with_sticker();
    effect.layers.push(face_prop("ghost", "nothere"));
    effect.layers.push(face_prop("hatProp", "hat"));
    let report = check(&dir, &effect).unwrap();
    assert!(!report.valid);
    assert!(report.budget.is_empty());
    let at = |ptr: &str| report.problems.iter().find(|p| p.pointer.starts_with(ptr));
    let missing = at("/layers/1").expect("dangling asset reported");
    assert_eq!(missing.file, "effect.json");
    assert!(missing.message.contains("nothere"), "{missing:?}");
    assert!(
        at("/layers/2").is_some(),
        "duplicate id reported: {:?}",
        report.problems
    );
    assert!(
        report
            .problems
            .iter()
            .all(|p| !p.message.contains(".lantern-stage")),
        "{:?}",
        report.problems
    );
}

#[test]
fn export_writes_a_zip_that_reopens_and_refuses_bad_destinations() {
    let (tmp, dir, effect) = with_sticker();
    let out = tmp.path().join("hat.zip");
    let done = export(&dir, &effect, &out).unwrap();
    assert!(done.report.valid);
    let zip_len = std::fs::metadata(&out).unwrap().len();
    assert_eq!(done.report.budget[0].used, zip_len);
    let pkg = Package::open(&out).unwrap();
    assert_eq!(pkg.effect, effect);
    // Deterministic: exporting again gives the same bytes.
    let first = std::fs::read(&out).unwrap();
    export(&dir, &effect, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), first);
    for (bad, why) in [
        (dir.join("inside.zip"), "inside the project"),
        (tmp.path().join("hat.txt"), ".zip"),
        (tmp.path().join("nope/hat.zip"), "does not exist"),
    ] {
        let err = export(&dir, &effect, &bad).unwrap_err();
        assert_eq!(err.code, ErrorCode::Export);
        assert!(err.message.contains(why), "{err}");
    }
}

#[test]
fn an_invalid_effect_is_not_exported() {
    let (tmp, dir, mut effect) = with_sticker();
    effect.layers.push(face_prop("ghost", "nothere"));
    let out = tmp.path().join("bad.zip");
    let err = export(&dir, &effect, &out).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(err.message.contains("/layers/1"), "{err}");
    assert!(!out.exists());
}
