//! Format versions and migrations.
//!
//! `effect.json` carries `formatVersion`. On read, a file of version N < [`FORMAT_VERSION`] is
//! passed through each migration N→N+1 in turn (pure functions on the raw JSON, so old types need
//! not be kept around); a file newer than this build is refused with a clear message.
//!
//! Version 1 is the first version, so [`MIGRATIONS`] is empty. When v2 lands, add a
//! `fn v1_to_v2(Value) -> Result<Value, String>` here and append it.

use serde_json::Value;

use crate::format::FORMAT_VERSION;

/// One migration: raw JSON of version N → raw JSON of version N+1 (or why it cannot be).
pub type Migration = fn(Value) -> Result<Value, String>;

/// `MIGRATIONS[i]` turns version `i + 1` into version `i + 2`.
pub const MIGRATIONS: &[Migration] = &[];

/// Why a file could not be brought to the current version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    #[error("the top level must be a JSON object")]
    NotAnObject,
    #[error("missing \"formatVersion\": add \"formatVersion\": {FORMAT_VERSION} at the top level")]
    Missing,
    #[error("\"formatVersion\" must be a positive whole number, found {0}")]
    NotANumber(String),
    #[error(
        "format version {found} is newer than this Lantern understands (up to {supported}): update Lantern to open this effect"
    )]
    TooNew { found: u64, supported: u64 },
    #[error("format version {0} does not exist: the first version is 1")]
    TooOld(u64),
    #[error("migrating from format version {from} to {to} failed: {reason}")]
    Failed { from: u64, to: u64, reason: String },
}

/// Bring `value` to [`FORMAT_VERSION`] with the built-in migrations.
pub fn migrate(value: Value) -> Result<Value, MigrateError> {
    migrate_with(value, MIGRATIONS)
}

/// Bring `value` to version `migrations.len() + 1`, applying `migrations` from its version on.
pub fn migrate_with(mut value: Value, migrations: &[Migration]) -> Result<Value, MigrateError> {
    let current = migrations.len() as u64 + 1;
    let found = version_of(&value)?;
    if found > current {
        return Err(MigrateError::TooNew {
            found,
            supported: current,
        });
    }
    if found == 0 {
        return Err(MigrateError::TooOld(found));
    }
    for (from, step) in (found..current).zip(&migrations[(found - 1) as usize..]) {
        value = step(value).map_err(|reason| MigrateError::Failed {
            from,
            to: from + 1,
            reason,
        })?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert("formatVersion".to_owned(), Value::from(from + 1));
        }
    }
    Ok(value)
}

fn version_of(value: &Value) -> Result<u64, MigrateError> {
    let obj = value.as_object().ok_or(MigrateError::NotAnObject)?;
    let v = obj.get("formatVersion").ok_or(MigrateError::Missing)?;
    v.as_u64()
        .ok_or_else(|| MigrateError::NotANumber(v.to_string()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn rename_title(mut v: Value) -> Result<Value, String> {
        let meta = v["meta"].as_object_mut().ok_or("no meta")?;
        if let Some(t) = meta.remove("title") {
            meta.insert("name".to_owned(), t);
        }
        Ok(v)
    }

    #[test]
    fn current_version_passes_through() {
        let v = json!({"formatVersion": 1, "meta": {}});
        assert_eq!(migrate(v.clone()), Ok(v));
    }

    #[test]
    fn a_migration_chain_runs_in_order() {
        let old = json!({"formatVersion": 1, "meta": {"title": "x"}});
        let new = migrate_with(old, &[rename_title]).unwrap();
        assert_eq!(new, json!({"formatVersion": 2, "meta": {"name": "x"}}));
        let failing = migrate_with(json!({"formatVersion": 1}), &[rename_title]);
        assert!(matches!(
            failing,
            Err(MigrateError::Failed { from: 1, to: 2, .. })
        ));
    }

    #[test]
    fn future_and_missing_versions_are_refused_clearly() {
        let err = migrate(json!({"formatVersion": 7})).unwrap_err();
        assert!(err.to_string().contains("update Lantern"), "{err}");
        assert_eq!(migrate(json!({})), Err(MigrateError::Missing));
        assert!(matches!(
            migrate(json!({"formatVersion": "1"})),
            Err(MigrateError::NotANumber(_))
        ));
        assert_eq!(migrate(json!([])), Err(MigrateError::NotAnObject));
    }
}
