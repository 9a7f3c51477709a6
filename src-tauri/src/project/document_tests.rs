use super::*;
use crate::project::recovery::{self, RECOVERY_FILE};
use crate::project::test_support::project;
use lantern_engine::schema::Package;

#[test]
fn a_new_project_is_a_valid_package() {
    let (_tmp, dir) = project();
    let pkg = Package::open(&dir).unwrap();
    assert_eq!(pkg.effect.meta.name, "Test");
    assert!(pkg.effect.layers.is_empty());
}

#[test]
fn new_refuses_a_folder_with_files_and_an_empty_name() {
    let (_tmp, dir) = project();
    let err = create(&dir, "Again").unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    assert!(err.message.contains("not empty"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    assert!(
        create(empty.path(), "Fine").is_ok(),
        "an empty folder is usable"
    );
    let err = create(&empty.path().join("x"), "  ").unwrap_err();
    assert_eq!(err.code, ErrorCode::Document);
}

#[test]
fn save_then_open_round_trips_and_accepts_the_json_path() {
    let (_tmp, dir) = project();
    let mut effect = open(&dir).unwrap().effect;
    effect.meta.author = "Ada".into();
    save(&dir, &effect).unwrap();
    let again = open(&dir.join("effect.json")).unwrap();
    assert_eq!(again.effect, effect);
    assert!(again.recovery.is_none());
}

#[test]
fn open_reports_missing_and_malformed_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let err = open(tmp.path()).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    std::fs::write(
        tmp.path().join("effect.json"),
        br#"{"formatVersion":1,"meta":{"name":"x","author":"","version":"1"},
            "layers":[{"type":"faceProp","id":"p","asset":"a","anchor":"forhead"}]}"#,
    )
    .unwrap();
    let err = open(tmp.path()).unwrap_err();
    assert_eq!(err.code, ErrorCode::Document);
    assert!(err.message.contains("/layers/0/anchor"), "{err}");
    assert!(err.message.contains("did you mean \"forehead\""), "{err}");
}

#[test]
fn a_malformed_edit_is_refused_before_it_reaches_the_disk() {
    let (_tmp, dir) = project();
    let before = std::fs::read(dir.join("effect.json")).unwrap();
    let bad = serde_json::json!({"formatVersion": 1, "meta": {"name": 3}});
    let err = from_value(&bad).unwrap_err();
    assert_eq!(err.code, ErrorCode::Document);
    assert!(err.message.contains("/meta"), "{err}");
    assert_eq!(std::fs::read(dir.join("effect.json")).unwrap(), before);
}

#[test]
fn autosave_is_offered_on_reopen_until_saved_or_discarded() {
    let (_tmp, dir) = project();
    let saved = open(&dir).unwrap().effect;
    let mut edited = saved.clone();
    edited.meta.description = "unsaved".into();
    recovery::autosave(&dir, &edited).unwrap();
    // The Studio is killed here: effect.json is untouched, the edits are in the recovery file.
    let reopened = open(&dir).unwrap();
    assert_eq!(reopened.effect, saved);
    let offered = reopened.recovery.expect("recovery offered");
    assert_eq!(offered.effect, edited);
    assert!(offered.saved_at_ms > 0.0);
    // The package ignores the hidden recovery file.
    let pkg = Package::open(&dir).unwrap();
    assert!(!pkg.files().contains_key(RECOVERY_FILE));
    // Declining drops it; saving also drops it.
    recovery::discard(&dir).unwrap();
    assert!(open(&dir).unwrap().recovery.is_none());
    recovery::autosave(&dir, &edited).unwrap();
    save(&dir, &edited).unwrap();
    assert!(!dir.join(RECOVERY_FILE).exists());
    assert!(open(&dir).unwrap().recovery.is_none());
}

#[test]
fn an_autosave_equal_to_the_saved_document_is_not_offered() {
    let (_tmp, dir) = project();
    let saved = open(&dir).unwrap().effect;
    recovery::autosave(&dir, &saved).unwrap();
    assert!(open(&dir).unwrap().recovery.is_none());
    std::fs::write(dir.join(RECOVERY_FILE), b"garbage").unwrap();
    assert!(
        open(&dir).unwrap().recovery.is_none(),
        "a damaged file is ignored"
    );
}

#[test]
fn saving_into_a_vanished_project_says_so() {
    let (tmp, dir) = project();
    let effect = open(&dir).unwrap().effect;
    std::fs::remove_dir_all(&dir).unwrap();
    let err = save(&dir, &effect).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("moved or deleted"), "{err}");
    drop(tmp);
}
