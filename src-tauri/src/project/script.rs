//! The effect's gameplay scripts as the script editor sees them: create one from a starter,
//! save edits (atomically, only `.js` files inside the project), and gather every script file's
//! text for a hot reload of the preview.

use std::path::Path;

use lantern_engine::schema::format::{Asset, Effect};
use lantern_engine::schema::package::{Limits, paths};
use lantern_engine::script::Sources;

use super::atomic::write_atomic;
use super::import::{self, ImportAs, ImportedAsset};
use crate::error::{ErrorCode, IpcError};

/// What a new script starts with: the events most effects use, and the console.
pub const STARTER: &str = r#"// Runs in the effect's sandbox (QuickJS). The API is in lantern.d.ts; console output shows
// in the Studio's console. Save to reload it in the live preview.

lantern.on("start", () => {
  console.log("script started with", lantern.layers().length, "layers");
});

lantern.on("gesture", (g) => {
  if (g.phase === "begin") console.log("gesture", g.gesture);
});

lantern.on("update", ({ frame }) => {
  // Runs every frame: move layers, spawn sprites, keep score…
});
"#;

fn script_path_error(path: &str, why: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Document, format!("script \"{path}\": {why}"))
}

/// Creates `scripts/<name>.js` (a free name) from [`STARTER`] and returns its asset entry, with
/// an id unique against `taken`.
pub fn create(dir: &Path, name: &str, taken: &[String]) -> Result<ImportedAsset, IpcError> {
    super::document::require_project(dir)?;
    // Written outside the project, then imported like any script: same naming, same checks.
    let temp = tempfile::tempdir()
        .map_err(|e| IpcError::new(ErrorCode::Io, format!("no temporary folder: {e}")))?;
    let stem = if name.trim().is_empty() {
        "main"
    } else {
        name.trim()
    };
    let file = temp.path().join(format!("{stem}.js"));
    std::fs::write(&file, STARTER).map_err(|e| IpcError::io("cannot write", &file, &e))?;
    let mut imported = import::import(dir, &[file], taken, ImportAs::Auto)?;
    imported
        .pop()
        .ok_or_else(|| IpcError::new(ErrorCode::Import, "the new script was not created"))
}

/// Replaces the project's script file `path` (package-relative, `.js`) with `text`.
pub fn save(dir: &Path, path: &str, text: &str) -> Result<(), IpcError> {
    paths::check(path).map_err(|why| script_path_error(path, why))?;
    if !path.to_ascii_lowercase().ends_with(".js") {
        return Err(script_path_error(path, "only .js files can be edited here"));
    }
    let max = Limits::default().max_file_bytes;
    if text.len() as u64 > max {
        return Err(script_path_error(
            path,
            format!(
                "{} bytes is more than a package file may hold ({max})",
                text.len()
            ),
        ));
    }
    super::document::require_project(dir)?;
    let file = dir.join(path);
    let parent = file.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| IpcError::io("cannot create", parent, &e))?;
    let (real, root) = (
        parent
            .canonicalize()
            .map_err(|e| IpcError::io("cannot find", parent, &e))?,
        dir.canonicalize()
            .map_err(|e| IpcError::io("cannot find the project folder", dir, &e))?,
    );
    if !real.starts_with(&root) || file.is_symlink() {
        return Err(script_path_error(path, "not a file inside the project"));
    }
    write_atomic(&file, text.as_bytes())
}

/// Every script file of `effect`, read from the project: package path → text.
pub fn sources(dir: &Path, effect: &Effect) -> Result<Sources, IpcError> {
    let mut out = Sources::new();
    for asset in &effect.assets {
        let Asset::Script(f) = asset else { continue };
        let bytes = crate::commands::assets::read_inside(dir, &f.path)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| script_path_error(&f.path, "not UTF-8 text; save the script as UTF-8"))?;
        out.insert(f.path.clone(), text);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::test_support::project;

    #[test]
    fn create_save_and_gather_scripts() {
        let (_tmp, dir) = project();
        let made = create(&dir, "Game Logic", &["game-logic".into()]).unwrap();
        let Asset::Script(f) = &made.asset else {
            panic!("a script asset: {:?}", made.asset)
        };
        assert_eq!(f.path, "scripts/game-logic.js");
        assert_eq!(f.id, "game-logic-2");
        assert_eq!(std::fs::read_to_string(dir.join(&f.path)).unwrap(), STARTER);

        save(&dir, &f.path, "console.log(1);\n").unwrap();
        let effect = Effect {
            assets: vec![made.asset.clone()],
            ..crate::project::document::starter("x")
        };
        let s = sources(&dir, &effect).unwrap();
        assert_eq!(s["scripts/game-logic.js"], "console.log(1);\n");

        for bad in ["../evil.js", "scripts/x.txt", "/abs.js"] {
            assert!(save(&dir, bad, "x").is_err(), "{bad} refused");
        }
    }
}
