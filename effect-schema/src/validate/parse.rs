//! JSON → [`Effect`], element by element, with JSON pointers.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::diag::{Diagnostic, did_you_mean, escape_token, humanize_serde};
use crate::format::{Animation, Asset, Effect, FORMAT_VERSION, Layer, Meta, Music, Trigger};
use crate::migrate::{MigrateError, migrate};

const TOP_LEVEL: [&str; 8] = [
    "formatVersion",
    "meta",
    "assets",
    "layers",
    "triggers",
    "animations",
    "music",
    "script",
];

/// The outcome of parsing: the elements that parsed, where they were, and all ids seen.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The effect made of every element that parsed (`None` if the top level is unusable).
    pub effect: Option<Effect>,
    /// For each parsed asset/layer/trigger, its index in the file (for pointers).
    pub asset_index: Vec<usize>,
    pub layer_index: Vec<usize>,
    pub trigger_index: Vec<usize>,
    pub animation_index: Vec<usize>,
    /// Every `id` string in the raw file, parsed or not: references to elements that failed to
    /// parse are not reported again as dangling.
    pub raw_ids: BTreeSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse `bytes` (the content of `file`, normally `effect.json`).
pub fn parse(file: &str, bytes: &[u8]) -> Parsed {
    let mut out = Parsed::default();
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            out.diagnostics.push(Diagnostic::file(
                file,
                format!(
                    "not valid JSON at line {}, column {}: {e}",
                    e.line(),
                    e.column()
                )
                .replace(&format!(" at line {} column {}", e.line(), e.column()), ""),
            ));
            return out;
        }
    };
    let value = match migrate(value) {
        Ok(v) => v,
        Err(e) => {
            let pointer = match e {
                MigrateError::NotAnObject => "",
                _ => "/formatVersion",
            };
            out.diagnostics
                .push(Diagnostic::at(file, pointer, e.to_string()));
            return out;
        }
    };
    let Value::Object(obj) = value else {
        return out;
    };
    for key in obj.keys() {
        if !TOP_LEVEL.contains(&key.as_str()) {
            out.diagnostics.push(Diagnostic::at(
                file,
                format!("/{}", escape_token(key)),
                format!(
                    "unknown field \"{key}\"{}; expected one of: {}",
                    did_you_mean(key, TOP_LEVEL),
                    TOP_LEVEL.join(", ")
                ),
            ));
        }
    }
    collect_ids(&obj, &mut out.raw_ids);

    let meta = if let Some(m) = obj.get("meta") {
        element::<Meta>(file, "/meta", m, &mut out.diagnostics)
    } else {
        out.diagnostics.push(Diagnostic::at(
            file,
            "",
            "missing \"meta\": add {\"name\", \"author\", \"version\"} at the top level",
        ));
        None
    };
    let (assets, asset_index) = list::<Asset>(file, &obj, "assets", &mut out.diagnostics);
    let (layers, layer_index) = list::<Layer>(file, &obj, "layers", &mut out.diagnostics);
    let (triggers, trigger_index) = list::<Trigger>(file, &obj, "triggers", &mut out.diagnostics);
    let (animations, animation_index) =
        list::<Animation>(file, &obj, "animations", &mut out.diagnostics);
    let music = match obj.get("music") {
        None | Some(Value::Null) => None,
        Some(m) => element::<Music>(file, "/music", m, &mut out.diagnostics),
    };
    let script = match obj.get("script") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            out.diagnostics.push(Diagnostic::at(
                file,
                "/script",
                format!("expected the id of a script asset (a string), found {other}"),
            ));
            None
        }
    };
    out.asset_index = asset_index;
    out.layer_index = layer_index;
    out.trigger_index = trigger_index;
    out.animation_index = animation_index;
    out.effect = meta.map(|meta| Effect {
        format_version: FORMAT_VERSION,
        meta,
        assets,
        layers,
        triggers,
        animations,
        music,
        script,
    });
    out
}

fn collect_ids(obj: &Map<String, Value>, ids: &mut BTreeSet<String>) {
    for key in ["assets", "layers", "triggers"] {
        if let Some(Value::Array(items)) = obj.get(key) {
            for item in items {
                if let Some(Value::String(id)) = item.get("id") {
                    ids.insert(id.clone());
                }
            }
        }
    }
}

fn list<T: DeserializeOwned>(
    file: &str,
    obj: &Map<String, Value>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<T>, Vec<usize>) {
    let mut items = Vec::new();
    let mut index = Vec::new();
    match obj.get(key) {
        None | Some(Value::Null) => {}
        Some(Value::Array(values)) => {
            for (i, v) in values.iter().enumerate() {
                if let Some(item) = element::<T>(file, &format!("/{key}/{i}"), v, diagnostics) {
                    items.push(item);
                    index.push(i);
                }
            }
        }
        Some(other) => diagnostics.push(Diagnostic::at(
            file,
            format!("/{key}"),
            format!("expected a list ([...]), found {}", kind_of(other)),
        )),
    }
    (items, index)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Deserialise one element, turning a failure into a diagnostic at the deepest pointer we can find.
fn element<T: DeserializeOwned>(
    file: &str,
    base: &str,
    value: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(t) => Some(t),
        Err(err) => {
            let mut pointer = String::new();
            for seg in err.path() {
                match seg {
                    serde_path_to_error::Segment::Seq { index } => {
                        pointer.push('/');
                        pointer.push_str(&index.to_string());
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        pointer.push('/');
                        pointer.push_str(&escape_token(key));
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let message = err.inner().to_string();
            // Internally tagged enums (layers, assets, triggers' `when`/`do`) buffer their
            // content, so serde's path stops at the element: find the offending value inside.
            let sub = value.pointer(&pointer).unwrap_or(value);
            if let Some(deeper) = locate(sub, &message) {
                pointer.push_str(&deeper);
            }
            diagnostics.push(Diagnostic::at(
                file,
                format!("{base}{pointer}"),
                humanize_serde(&message),
            ));
            None
        }
    }
}

/// The pointer (relative to `value`) of what a serde error message names: the string of an
/// unknown variant, the key of an unknown field, or the object missing a field.
fn locate(value: &Value, message: &str) -> Option<String> {
    let quoted = |prefix: &str, open: char, close: char| {
        let rest = message.strip_prefix(prefix)?;
        let rest = rest.strip_prefix(open)?;
        Some(rest.split(close).next()?.to_owned())
    };
    if let Some(word) = quoted("unknown variant ", '`', '`') {
        return find(value, &|v, _| v.as_str() == Some(word.as_str()));
    }
    if let Some(word) = quoted("invalid type: string ", '"', '"') {
        return find(value, &|v, _| v.as_str() == Some(word.as_str()));
    }
    if let Some(word) = quoted("unknown field ", '`', '`') {
        return find(value, &|_, key| key == Some(word.as_str()));
    }
    None
}

/// Depth-first search for the first node matching `pred(value, key)`; returns its pointer.
fn find(value: &Value, pred: &dyn Fn(&Value, Option<&str>) -> bool) -> Option<String> {
    fn walk(
        value: &Value,
        key: Option<&str>,
        pred: &dyn Fn(&Value, Option<&str>) -> bool,
        path: &mut String,
        depth: usize,
    ) -> bool {
        if depth > 0 && pred(value, key) {
            return true;
        }
        if depth > 64 {
            return false;
        }
        let len = path.len();
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    path.push('/');
                    path.push_str(&escape_token(k));
                    if walk(v, Some(k), pred, path, depth + 1) {
                        return true;
                    }
                    path.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    path.push('/');
                    path.push_str(&i.to_string());
                    if walk(v, None, pred, path, depth + 1) {
                        return true;
                    }
                    path.truncate(len);
                }
            }
            _ => {}
        }
        false
    }
    let mut path = String::new();
    walk(value, None, pred, &mut path, 0).then_some(path)
}
