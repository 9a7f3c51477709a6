//! Drift test: the committed JSON Schemas and TypeScript must match the Rust types.
//! `UPDATE_SNAPSHOTS=1 cargo test -p lantern-effect-schema --test generated` rewrites them.

use std::path::Path;

#[test]
fn generated_files_match_the_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v != "0");
    let mut drifted = Vec::new();
    for (rel, expected) in effect_schema::generate::files() {
        let path = root.join(rel);
        let actual = std::fs::read_to_string(&path).unwrap_or_default();
        if actual == expected {
            continue;
        }
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
            eprintln!("updated {rel}");
        } else {
            drifted.push(rel);
        }
    }
    assert!(
        drifted.is_empty(),
        "generated files are out of date: {drifted:?}\n\
         run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-effect-schema --test generated` and commit them"
    );
}

#[test]
fn the_schema_is_valid_json_with_the_version_field() {
    let files = effect_schema::generate::files();
    let schema: serde_json::Value = serde_json::from_str(&files[0].1).unwrap();
    let required = schema["required"].as_array().unwrap();
    assert!(
        required.iter().any(|v| v == "formatVersion"),
        "{required:?}"
    );
    assert!(files[3].1.contains("export type Effect = "));
    assert!(files[3].1.contains("export type FaceAnchor = "));
    assert!(files[3].1.contains("export type SeiPayload = "));
}
