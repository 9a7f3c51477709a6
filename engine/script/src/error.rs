//! Errors: [`ScriptError`] describes one failure of the script (an exception with its place and
//! stack, a budget overrun, a syntax error); [`LoadError`] is what [`crate::ScriptRuntime::new`]
//! and [`crate::ScriptRuntime::reload`] return.

use std::fmt;

use rquickjs::{Ctx, Exception, Value};

/// What went wrong in a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// The script threw (or a host function refused its arguments). It keeps running.
    Exception,
    /// The module did not parse. On reload the old script keeps running.
    Syntax,
    /// The script used its whole time budget and was stopped. It is paused.
    Timeout,
    /// The QuickJS heap limit was reached.
    OutOfMemory,
    /// The stack limit was reached (usually runaway recursion).
    StackOverflow,
    /// A module could not be resolved or loaded (outside the package, not a package file).
    Module,
}

/// One script failure, with where it happened when QuickJS knows.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ScriptError {
    pub kind: ErrorKind,
    /// What the script was doing: `load`, `update`, `tap`, …
    pub during: String,
    /// The error's `name: message`.
    pub message: String,
    /// Package file, 1-based line and column of the innermost package frame, when known.
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The JS stack as QuickJS prints it.
    pub stack: Option<String>,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "script error during {}: {}", self.during, self.message)?;
        if let (Some(file), Some(line)) = (&self.file, self.line) {
            write!(f, " at {file}:{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ScriptError {}

/// Why a script could not be (re)loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The entry file is not among the sources.
    #[error(
        "script entry '{entry}' is not in the package's script files ({available}); set the effect's `script` to one of them"
    )]
    MissingEntry { entry: String, available: String },
    /// QuickJS could not create a runtime or context (out of memory at start).
    #[error("could not create the QuickJS runtime: {0}")]
    Engine(String),
    /// The script failed to parse or its top-level code failed.
    #[error("{0}")]
    Script(ScriptError),
}

/// Converts the pending exception of `ctx` (or a non-exception error) into a [`ScriptError`].
pub(crate) fn from_exception(ctx: &Ctx<'_>, err: &rquickjs::Error, during: &str) -> ScriptError {
    if matches!(err, rquickjs::Error::Exception) {
        return from_value(&ctx.catch(), during);
    }
    let mut out = blank(during);
    out.message = err.to_string();
    if matches!(err, rquickjs::Error::Allocation) {
        out.kind = ErrorKind::OutOfMemory;
    }
    out
}

fn blank(during: &str) -> ScriptError {
    ScriptError {
        kind: ErrorKind::Exception,
        during: during.to_owned(),
        message: String::new(),
        file: None,
        line: None,
        column: None,
        stack: None,
    }
}

/// Describes a thrown value (usually an `Error` object).
pub(crate) fn from_value(value: &Value<'_>, during: &str) -> ScriptError {
    let mut out = blank(during);
    if let Some(exc) = value
        .as_object()
        .and_then(|o| Exception::from_object(o.clone()))
    {
        let name: String = exc.get("name").unwrap_or_else(|_| "Error".to_owned());
        let message = exc.message().unwrap_or_default();
        out.message = format!("{name}: {message}");
        out.stack = exc.stack().filter(|s| !s.trim().is_empty());
        if name == "SyntaxError" {
            out.kind = ErrorKind::Syntax;
        }
        if message.contains("out of memory") {
            out.kind = ErrorKind::OutOfMemory;
        } else if message.contains("stack overflow") || message.contains("call stack size exceeded")
        {
            out.kind = ErrorKind::StackOverflow;
        }
        if let Some(stack) = out.stack.clone() {
            locate(&stack, &mut out);
        }
        if out.file.is_none() {
            // QuickJS puts the place of a syntax error in fileName/lineNumber/columnNumber.
            out.file = exc.get::<_, Option<String>>("fileName").ok().flatten();
            out.line = exc.get::<_, Option<u32>>("lineNumber").ok().flatten();
            out.column = exc.get::<_, Option<u32>>("columnNumber").ok().flatten();
        }
    } else if value.is_null() {
        // QuickJS throws `null` when an allocation fails.
        out.kind = ErrorKind::OutOfMemory;
        "out of memory".clone_into(&mut out.message);
    } else {
        out.message = format!(
            "uncaught {}",
            value
                .as_string()
                .and_then(|s| s.to_string().ok())
                .map_or_else(|| format!("{}", value.type_of()), |s| format!("'{s}'"))
        );
    }
    if out.message.contains("cannot import") {
        out.kind = ErrorKind::Module;
    }
    out
}

/// Finds the first `file:line:col` in a QuickJS stack (`    at f (main.js:3:7)`).
fn locate(stack: &str, out: &mut ScriptError) {
    for frame in stack.lines() {
        let place = frame
            .rsplit_once('(')
            .map_or(frame.trim().trim_start_matches("at "), |(_, p)| p)
            .trim_end_matches(')');
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line), Some(file)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col)) = (line.parse::<u32>(), col.parse::<u32>()) else {
            continue;
        };
        if file == "native" || file.starts_with('<') {
            continue;
        }
        out.file = Some(file.to_owned());
        out.line = Some(line);
        out.column = Some(col);
        return;
    }
}
