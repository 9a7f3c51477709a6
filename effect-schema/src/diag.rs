//! Diagnostics: one problem in a package, with the file, the JSON pointer and the fix.
//!
//! Validation collects every diagnostic it can find instead of stopping at the first, so a
//! designer fixes a package in one round. Misspelt names get a "did you mean" from the closest
//! valid name by edit distance.

use std::fmt;

/// One problem found in a package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file inside the package (`effect.json`, `fx/spark_03.png`), or the package itself.
    pub file: String,
    /// The JSON pointer of the offending value in `effect.json` (`/layers/3/anchor`), or empty.
    pub pointer: String,
    pub message: String,
}

impl Diagnostic {
    /// A problem with a value in a JSON file.
    pub fn at(file: &str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// A problem with a whole file.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self::at(file, String::new(), message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.pointer, self.message)
        }
    }
}

/// Escape one JSON pointer token (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word` if it is close enough to be a plausible typo
/// (distance ≤ a third of the length, at least 1; case-insensitive matches always count).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= limit && c != word)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// `" (did you mean \"x\"?)"` or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|c| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default()
}

/// Rewrite a serde error message into our style, with a suggestion for unknown names:
/// "unknown variant `forhead`, expected one of `forehead`, …" becomes
/// `unknown value "forhead" (did you mean "forehead"?); expected one of: forehead, …`.
pub fn humanize_serde(message: &str) -> String {
    for (prefix, what) in [("unknown variant `", "value"), ("unknown field `", "field")] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some((word, tail)) = rest.split_once('`') else {
            continue;
        };
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let hint = did_you_mean(word, expected.iter().copied());
        let list = if expected.is_empty() {
            "there are none here".to_owned()
        } else {
            format!("expected one of: {}", expected.join(", "))
        };
        return format!("unknown {what} \"{word}\"{hint}; {list}");
    }
    message
        .replace("missing field `", "missing field \"")
        .replace('`', "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("forhead", "forehead"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn unknown_variant_gets_a_suggestion() {
        let m = humanize_serde("unknown variant `forhead`, expected one of `forehead`, `chin`");
        assert_eq!(
            m,
            "unknown value \"forhead\" (did you mean \"forehead\"?); expected one of: forehead, chin"
        );
        let m = humanize_serde("unknown variant `xyzzy`, expected `left` or `right`");
        assert!(!m.contains("did you mean"), "{m}");
        assert!(m.contains("left, right"), "{m}");
    }
}
