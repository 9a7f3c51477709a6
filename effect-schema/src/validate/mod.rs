//! Validation: from the bytes of `effect.json` to an [`Effect`] plus every problem found.
//!
//! 1. [`parse`] reads JSON, migrates it to the current version, then deserialises each asset,
//!    layer and trigger on its own, so one bad element does not hide the problems of the others;
//!    each serde error is turned into a [`Diagnostic`] with the JSON pointer of the offending
//!    value and a "did you mean" for misspelt names.
//! 2. [`check`](semantic::check) walks the typed effect: unique ids, references that resolve to
//!    the right kind of thing, numbers in range, colours, budgets.
//!
//! File-level checks (the assets exist, decode headers, stay under the caps) are in
//! [`crate::package`], which knows the package's files.

mod motion;
mod parse;
mod semantic;

pub use parse::{Parsed, parse};
pub use semantic::{check, is_valid_id};
