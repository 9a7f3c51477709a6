//! `hub:NAME@VERSION`: an effect named by the hub it comes from, as `lantern push --effect` takes it.

use crate::error::LibraryError;

/// A version of a package on a hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectRef {
    pub name: String,
    pub version: String,
}

impl EffectRef {
    /// The prefix that marks a hub reference where a path is also accepted.
    pub const PREFIX: &'static str = "hub:";

    /// `hub:NAME@VERSION`, or `None` when `text` does not start with `hub:` (a path).
    pub fn from_effect_arg(text: &str) -> Option<Result<Self, LibraryError>> {
        text.strip_prefix(Self::PREFIX).map(|rest| {
            let bad = || LibraryError::BadReference(text.to_owned());
            let (name, version) = rest.split_once('@').ok_or_else(bad)?;
            if !is_package_name(name) || !is_version(version) {
                return Err(bad());
            }
            Ok(Self {
                name: name.to_owned(),
                version: version.to_owned(),
            })
        })
    }
}

impl std::fmt::Display for EffectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}@{}", Self::PREFIX, self.name, self.version)
    }
}

/// A package name on a hub: 1–64 of `a-z 0-9 -`, starting with a letter or digit (safe in a
/// URL and as a folder name).
pub fn is_package_name(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A version: 1–32 of `0-9 A-Z a-z . + -`, starting with a letter or digit, no `..`.
pub fn is_version(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && !s.contains("..")
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
}

/// A package name made from a title ("Lucky Hat" → "lucky-hat"); `None` when nothing is left.
pub fn name_from_title(title: &str) -> Option<String> {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out
        .trim_end_matches('-')
        .chars()
        .take(64)
        .collect::<String>();
    let out = out.trim_end_matches('-').to_owned();
    is_package_name(&out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_names() {
        let r = EffectRef::from_effect_arg("hub:lucky-hat@1.0.0")
            .unwrap()
            .unwrap();
        assert_eq!(
            (r.name.as_str(), r.version.as_str()),
            ("lucky-hat", "1.0.0")
        );
        assert!(EffectRef::from_effect_arg("examples/lucky-hat").is_none());
        for bad in [
            "hub:lucky-hat",
            "hub:../x@1",
            "hub:a@../1",
            "hub:A@1",
            "hub:a@",
            "hub:@1",
        ] {
            assert!(EffectRef::from_effect_arg(bad).unwrap().is_err(), "{bad}");
        }
        assert_eq!(name_from_title("Lucky Hat!").as_deref(), Some("lucky-hat"));
        assert_eq!(name_from_title("花字"), None);
        assert!(!is_version("1..2"));
    }
}
