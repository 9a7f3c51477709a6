//! Every WGSL file parses and validates with naga (no GPU needed), as the pipelines compile it
//! (the full-frame passes with the shared full-screen vertex stage composed in front), and every
//! `.wgsl` file under `src/` is listed in `lantern_render::SHADERS` (so nothing ships unvalidated).

// Test helpers panic on failure by design.
#![allow(clippy::unwrap_used)]

use std::path::Path;

fn wgsl_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().unwrap().is_dir() {
            wgsl_files(&entry.path(), &format!("{name}/"), out);
        } else if Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("wgsl"))
        {
            out.push(name);
        }
    }
}

#[test]
fn every_wgsl_file_validates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut on_disk = Vec::new();
    wgsl_files(&src, "", &mut on_disk);
    on_disk.sort();
    let mut listed: Vec<String> = lantern_render::SHADERS
        .iter()
        .map(|(n, _)| (*n).to_owned())
        .collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "the .wgsl files under src/ and lantern_render::SHADERS must list the same files"
    );
    for (name, source) in lantern_render::SHADERS {
        let file = std::fs::read_to_string(src.join(name)).unwrap();
        assert!(
            source.ends_with(&file),
            "{name}: SHADERS holds another source"
        );
        let module = naga::front::wgsl::parse_str(source)
            .unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(source)));
        naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::default(),
        )
        .validate(&module)
        .unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(source)));
    }
}
