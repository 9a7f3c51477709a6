//! `docs/control.schema.json` is generated from the message types; this fails when it drifts
//! (`UPDATE_SNAPSHOTS=1 cargo test -p lantern-control --test schema` rewrites it).
#![allow(clippy::unwrap_used, reason = "a test")]

#[test]
fn the_published_schema_matches_the_types() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/control.schema.json");
    let fresh = format!("{:#}\n", lantern_control::messages::schema());
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/control.schema.json is out of date: run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-control --test schema`"
    );
}
