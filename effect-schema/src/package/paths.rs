//! Package-relative paths: the one spelling every file is known by.
//!
//! A package path is UTF-8, uses `/`, is relative, and has no empty, `.` or `..` components,
//! no backslashes, NULs or drive letters — so it can never name a file outside the package,
//! whatever the platform.

/// Check a path from a zip entry or `effect.json`; returns why it is refused.
pub fn check(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    if path.len() > 512 {
        return Err("the path is longer than 512 bytes".into());
    }
    if path.contains('\0') {
        return Err("the path contains a NUL byte".into());
    }
    if path.contains('\\') {
        return Err("the path contains a backslash: use / between folders".into());
    }
    if path.starts_with('/') {
        return Err(
            "absolute paths are not allowed: paths are relative to the package root".into(),
        );
    }
    let bytes = path.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':' {
        return Err("drive letters are not allowed: paths are relative to the package root".into());
    }
    for part in path.trim_end_matches('/').split('/') {
        match part {
            "" => return Err("the path has an empty component (//)".into()),
            "." => return Err("the path has a \".\" component".into()),
            ".." => return Err("\"..\" would leave the package".into()),
            _ => {}
        }
    }
    Ok(())
}

/// The folder depth of a path (`a/b/c.png` → 3).
pub fn depth(path: &str) -> usize {
    path.trim_end_matches('/').split('/').count()
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn hostile_paths_are_refused() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:/x",
            "a\\..\\b",
            "a//b",
            "./a",
            "",
            "a\0b",
        ] {
            assert!(check(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["effect.json", "fx/spark_01.png", "dir/", "a..b/c"] {
            assert!(check(good).is_ok(), "{good:?} refused");
        }
    }
}
