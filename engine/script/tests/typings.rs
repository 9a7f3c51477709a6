//! `lantern.d.ts` drift: the committed file equals the rendering of `api.rs`, and `api.rs`
//! names exactly what the runtime registers. `UPDATE_SNAPSHOTS=1` rewrites the file.

use std::collections::BTreeSet;
use std::path::Path;

use lantern_script::{ScriptConfig, ScriptRuntime, api};

#[test]
fn committed_typings_match_the_api_description() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("lantern.d.ts");
    let fresh = api::typescript();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &fresh).expect("write lantern.d.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date: run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-script --test typings`",
        path.display()
    );
}

#[test]
fn api_description_matches_what_the_runtime_registers() {
    let runtime = ScriptRuntime::new(
        [("main.js".to_owned(), String::new())].into(),
        "main.js",
        ScriptConfig::default(),
    )
    .expect("empty script loads");
    let surface = runtime.api_surface().expect("surface");
    let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
    let described =
        |m: &[api::Member]| m.iter().map(|m| m.name.to_owned()).collect::<BTreeSet<_>>();
    assert_eq!(
        set(&surface.lantern),
        described(api::LANTERN),
        "lantern.* drifted"
    );
    assert_eq!(
        set(&surface.layer),
        described(api::LAYER),
        "Layer members drifted"
    );
    assert_eq!(
        set(&surface.audio),
        described(api::AUDIO),
        "lantern.audio drifted"
    );
    assert_eq!(
        set(&surface.events),
        described(api::EVENTS),
        "events drifted"
    );
    for m in api::LANTERN.iter().chain(api::LAYER).chain(api::AUDIO) {
        let ts = m.ts.trim_start_matches("readonly ");
        assert!(
            ts.starts_with(m.name),
            "declaration of {} is `{}`",
            m.name,
            m.ts
        );
    }
}
