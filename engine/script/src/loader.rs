//! ES modules from inside the package only.
//!
//! The resolver turns `import … from './util.js'` into a normalised package path (relative to the
//! importing file; `/`-rooted paths are from the package root); anything else — bare names such
//! as `fs`, URLs, paths that climb out of the package with `../` — is refused with a message that
//! says what is allowed. The loader serves the files from an in-memory map of the package's
//! script sources, so nothing is read from disk while the effect runs.

use std::collections::BTreeMap;
use std::rc::Rc;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Exception, Module};

/// The package's script files: path inside the package (`scripts/main.js`) → source.
pub type Sources = BTreeMap<String, String>;

/// Normalises `name` imported from `base` into a package path, or explains why not.
pub(crate) fn resolve_path(base: &str, name: &str) -> Result<String, String> {
    let refuse = |why: &str| {
        Err(format!(
            "cannot import '{name}' from '{base}': {why}. Lantern scripts can only import the package's own .js files by relative path (e.g. import {{ x }} from './util.js'); there is no filesystem, network or process access"
        ))
    };
    if name.contains("://") || name.starts_with("data:") {
        return refuse("URLs are not allowed");
    }
    let rooted = name.starts_with('/');
    if !rooted && !name.starts_with("./") && !name.starts_with("../") {
        return refuse("it is not a package file (no Node or browser modules here)");
    }
    let mut parts: Vec<&str> = Vec::new();
    if !rooted {
        parts.extend(base.split('/'));
        parts.pop(); // the importing file's own name
    }
    for part in name.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return refuse("the path leaves the package");
                }
            }
            p if p.contains('\\') => return refuse("backslashes are not allowed in paths"),
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

pub(crate) struct PackageResolver;

impl Resolver for PackageResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        resolve_path(base, name).map_err(|msg| Exception::throw_reference(ctx, &msg))
    }
}

pub(crate) struct PackageLoader {
    pub(crate) sources: Rc<Sources>,
}

impl Loader for PackageLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        path: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        match self.sources.get(path) {
            Some(source) => Module::declare(ctx.clone(), path, source.as_bytes()),
            None => Err(Exception::throw_reference(
                ctx,
                &format!(
                    "cannot import '{path}': the package has no such script file (script files: {})",
                    self.sources.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_path;

    #[test]
    fn resolves_inside_the_package_only() {
        assert_eq!(resolve_path("main.js", "./util.js").unwrap(), "util.js");
        assert_eq!(
            resolve_path("scripts/main.js", "./lib/a.js").unwrap(),
            "scripts/lib/a.js"
        );
        assert_eq!(resolve_path("scripts/main.js", "../b.js").unwrap(), "b.js");
        assert_eq!(resolve_path("scripts/main.js", "/c.js").unwrap(), "c.js");
        assert!(resolve_path("main.js", "../secret.js").is_err());
        assert!(resolve_path("a/main.js", "../../x.js").is_err());
        assert!(
            resolve_path("main.js", "fs")
                .unwrap_err()
                .contains("not a package file")
        );
        assert!(resolve_path("main.js", "https://evil/x.js").is_err());
    }
}
