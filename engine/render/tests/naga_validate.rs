//! Every WGSL file parses and validates with naga (no GPU needed), and every file on disk is
//! listed in `lantern_render::SHADERS` (so nothing ships unvalidated).

use std::path::Path;

#[test]
fn every_wgsl_file_validates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/shaders");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("wgsl"))
        })
        .collect();
    on_disk.sort();
    let listed: Vec<String> = lantern_render::SHADERS
        .iter()
        .map(|(n, _)| (*n).to_owned())
        .collect();
    assert_eq!(
        on_disk, listed,
        "src/shaders and lantern_render::SHADERS must list the same files"
    );
    for name in &on_disk {
        let source = std::fs::read_to_string(dir.join(name)).unwrap();
        let module = naga::front::wgsl::parse_str(&source)
            .unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(&source)));
        naga::valid::Validator::new(
            naga::valid::ValidationFlags::all(),
            naga::valid::Capabilities::default(),
        )
        .validate(&module)
        .unwrap_or_else(|e| panic!("{name}: {}", e.emit_to_string(&source)));
    }
}
