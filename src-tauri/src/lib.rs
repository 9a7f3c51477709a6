//! Lantern Studio's Rust side: a thin Tauri shell over `lantern-engine`.
//!
//! Commands live in `commands/<domain>.rs` and only translate between IPC and the engine; every
//! command returns `Result<_, IpcError>`, serialised as `{code, message}` for the front-end.

mod commands;
mod error;

pub use error::IpcError;

/// Start the Studio.
#[allow(
    clippy::exit,
    clippy::disallowed_methods,
    reason = "tauri::generate_context! expands to code that calls process::exit"
)]
pub fn run() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LANTERN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::engine::engine_info])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        tracing::error!("Lantern Studio stopped: {err}");
    }
}

/// The TypeScript declarations of the IPC types, as committed in `ui/src/generated/ipc.ts`.
pub fn ipc_typescript() -> String {
    use ts_rs::TS as _;
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from src-tauri by `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`. Do not edit.\n\n",
    );
    for decl in [
        IpcError::decl(&cfg),
        commands::engine::EngineInfo::decl(&cfg),
    ] {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipc_bindings_have_not_drifted() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/generated/ipc.ts");
        let fresh = super::ipc_typescript();
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/generated/ipc.ts is out of date: run `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`"
        );
    }
}
