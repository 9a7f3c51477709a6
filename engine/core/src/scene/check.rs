//! The script checked without playing. Export, `lantern validate` / `pack` and going live load
//! the effect's script in the sandbox first — its top-level code runs, seeing the layers as the
//! player would show them — so a package whose script fails to load is never called valid, and
//! the error says where it failed. (The preview still plays such an effect without its script:
//! the designer is fixing it, and a hot reload picks the fix up.)

use effect_schema::Package;
use effect_schema::format::Asset;
use lantern_script::{ScriptConfig, ScriptRuntime, Sources};

use super::place::Output;
use super::state::LayerState;
use crate::error::{EngineError, Result};

/// Loads `package`'s script (if it has one) for a `width`x`height` output, then drops it.
/// [`EngineError::Script`] names the file, line and column of a failure; reading a script file
/// fails as [`EngineError::Asset`].
pub fn check_script(package: &mut Package, width: u32, height: u32) -> Result<()> {
    let effect = package.effect.clone();
    let Some(script_id) = &effect.script else {
        return Ok(());
    };
    let name = package.name().to_owned();
    let mut sources = Sources::new();
    let mut entry = None;
    for asset in &effect.assets {
        let Asset::Script(file) = asset else {
            continue;
        };
        let id = &file.id;
        let asset_error = |message: String| EngineError::Asset {
            package: name.clone(),
            asset: id.clone(),
            path: file.path.clone(),
            message,
        };
        let bytes = package
            .read(&file.path)
            .map_err(|e| asset_error(e.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| asset_error("not UTF-8 text; save the script as UTF-8".to_owned()))?;
        sources.insert(file.path.clone(), text);
        if id == script_id {
            entry = Some(file.path.clone());
        }
    }
    // A script id naming no script asset is the package validator's error, not ours.
    let Some(entry) = entry else {
        return Ok(());
    };
    let states: Vec<LayerState> = effect.layers.iter().map(LayerState::new).collect();
    let output = Output {
        width,
        height,
        safe_area: [0.0; 4],
    };
    let layers = super::script_layers(&effect, &states, &output);
    ScriptRuntime::with_layers(sources, entry.clone(), ScriptConfig::default(), &layers)
        .map(drop)
        .map_err(|source| EngineError::Script {
            package: name,
            path: entry,
            source: Box::new(source),
        })
}

#[cfg(test)]
mod tests {
    use effect_schema::Limits;
    use effect_schema::format::{Effect, FileAsset};
    use effect_schema::package::PackageParts;
    use lantern_script::LoadError;

    use super::*;

    fn package(script: &str) -> Package {
        let mut effect = Effect::empty("script check");
        effect.assets.push(Asset::Script(FileAsset {
            id: "main".into(),
            path: "scripts/main.js".into(),
        }));
        effect.script = Some("main".into());
        PackageParts::new()
            .effect(&effect)
            .unwrap()
            .file("scripts/main.js", script.as_bytes().to_vec())
            .open(&Limits::default())
            .unwrap()
    }

    #[test]
    fn a_script_that_throws_when_it_loads_is_refused_with_its_line() {
        let mut pkg = package("const x = 1;\nlantern.on('mouthOpen', () => {});\n");
        let err = check_script(&mut pkg, 1280, 720).unwrap_err();
        let EngineError::Script { path, source, .. } = &err else {
            panic!("{err}");
        };
        assert_eq!(path, "scripts/main.js");
        let LoadError::Script(e) = source.as_ref() else {
            panic!("{source}");
        };
        assert_eq!(
            (e.file.as_deref(), e.line),
            (Some("scripts/main.js"), Some(2)),
            "{err}"
        );
        assert!(err.to_string().contains("mouthOpen"), "{err}");
    }

    #[test]
    fn a_script_that_loads_passes_and_so_does_an_effect_without_one() {
        let mut pkg = package("lantern.on('update', () => {});\n");
        check_script(&mut pkg, 1280, 720).unwrap();
        let mut plain = Package::from_effect(&Effect::empty("plain"), "plain").unwrap();
        check_script(&mut plain, 720, 1280).unwrap();
    }
}
