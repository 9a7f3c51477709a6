//! `hub/openapi.json` is the hub's OpenAPI document as the code derives it (the web pages'
//! TypeScript is generated from it): regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p
//! lantern-hub --test openapi`.

#![allow(
    clippy::unwrap_used,
    reason = "a test: a failure is the test's failure"
)]

#[test]
fn the_committed_openapi_document_is_what_the_code_derives() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let mut derived = lantern_hub::api::document().to_pretty_json().unwrap();
    derived.push('\n');
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &derived).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == derived,
        "{} is not what the code derives: run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-hub --test openapi` \
         and regenerate the web pages' types (`npm --prefix ui run generate:hub`)",
        path.display()
    );
}
