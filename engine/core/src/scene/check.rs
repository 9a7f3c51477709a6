//! The script checked without playing. Export, `lantern validate` / `pack` and going live load
//! the effect's script in the sandbox first — its top-level code runs, seeing the layers as the
//! player would show them — so a package whose script fails to load is never called valid, and
//! the error says where it failed. (The preview still plays such an effect without its script:
//! the designer is fixing it, and a hot reload picks the fix up.)

use effect_schema::Package;
use lantern_script::{ScriptConfig, ScriptRuntime};

use super::place::Output;
use super::state::LayerState;
use crate::error::{EngineError, Result};

/// Loads `package`'s script (if it has one) with the layers as they would be on an `output`
/// of that size (`None`: the effect's target resolution), then drops it. [`EngineError::Script`]
/// names the file, line and column of a failure; reading a script file fails as
/// [`EngineError::Asset`].
pub fn check_script(package: &mut Package, output: Option<(u32, u32)>) -> Result<()> {
    let Some(script_id) = package.effect.script.clone() else {
        return Ok(());
    };
    let (sources, paths) = super::assets::read_scripts(package)?;
    // A script id naming no script asset is the package validator's error, not ours.
    let Some(entry) = paths.get(&script_id).cloned() else {
        return Ok(());
    };
    let effect = &package.effect;
    let target = effect.meta.target_resolution;
    let (width, height) = output.unwrap_or((target.width, target.height));
    let states: Vec<LayerState> = effect.layers.iter().map(LayerState::new).collect();
    let output = Output {
        width,
        height,
        safe_area: [0.0; 4],
    };
    let layers = super::script_layers(effect, &states, &output);
    ScriptRuntime::with_layers(sources, entry.clone(), ScriptConfig::default(), &layers)
        .map(drop)
        .map_err(|source| EngineError::Script {
            package: package.name().to_owned(),
            path: entry,
            source: Box::new(source),
        })
}

#[cfg(test)]
mod tests {
    use effect_schema::Limits;
    use effect_schema::format::{Asset, Effect, FileAsset};
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
        let err = check_script(&mut pkg, Some((1280, 720))).unwrap_err();
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
        check_script(&mut pkg, Some((1280, 720))).unwrap();
        let mut plain = Package::from_effect(&Effect::empty("plain"), "plain").unwrap();
        check_script(&mut plain, None).unwrap();
    }
}
