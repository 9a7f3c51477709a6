//! Lantern Studio's Rust side: a thin Tauri shell over `lantern-engine`.
//!
//! Commands live in `commands/<domain>.rs` and only translate between IPC and the logic in
//! [`project`] (which is tested without a window) or the engine; every command returns
//! `Result<_, IpcError>`, serialised as `{code, message}` for the front-end. The TypeScript
//! declarations of every IPC type are generated into `ui/src/generated/ipc.ts`. The live
//! [`preview`] runs the engine on its own thread and streams binary frames to the webview; [`live`]
//! pushes the edited effect to an RTMP server with the engine's push pipeline; publishing uploads
//! it to a Lantern Hub for review ([`project::publish`]).

mod commands;
pub mod error;
pub mod live;
pub mod preview;
pub mod project;
mod webview;

pub use error::{ErrorCode, IpcError};

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
        // Stream keys never reach the log.
        .with_writer(live::redact::Redacting(std::io::stderr))
        .try_init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            webview::configure(app);
            Ok(())
        })
        .manage(commands::preview::PreviewState::default())
        .manage(commands::live::LiveSlot::default())
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::Destroyed) {
                use tauri::Manager as _;
                stop_engine_threads(window.app_handle());
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::engine::engine_info,
            commands::project::new_project,
            commands::project::open_project,
            commands::project::save_project,
            commands::project::autosave_project,
            commands::project::discard_recovery,
            commands::recent::recent_projects,
            commands::recent::forget_recent_project,
            commands::assets::import_assets,
            commands::assets::plan_import,
            commands::assets::read_project_file,
            commands::package::check_package,
            commands::package::export_package,
            commands::hub::publish_defaults,
            commands::hub::forget_hub_token,
            commands::hub::publish_to_hub,
            commands::hub::hub_version_status,
            commands::preview::start_preview,
            commands::preview::update_preview,
            commands::preview::reload_preview_script,
            commands::preview::set_preview_overlay,
            commands::preview::preview_ack,
            commands::preview::preview_tap,
            commands::preview::preview_transport,
            commands::preview::preview_animation,
            commands::preview::preview_snapshot,
            commands::preview::preview_record_start,
            commands::preview::preview_record_stop,
            commands::preview::stop_preview,
            commands::preview::list_cameras,
            commands::live::start_live,
            commands::live::stop_live,
            commands::live::live_gameplay,
            commands::live::update_live,
            commands::live::live_command,
            commands::script::create_script,
            commands::script::save_script,
            commands::testing::test_dialog_answer,
        ])
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|app, event| {
            if matches!(event, tauri::RunEvent::Exit) {
                stop_engine_threads(app);
            }
        }),
        Err(err) => tracing::error!("Lantern Studio stopped: {err}"),
    }
}

/// The window closed or the app exits: end the stream cleanly and release the preview's source.
fn stop_engine_threads(app: &tauri::AppHandle) {
    use tauri::Manager as _;
    if let Some(live) = app.try_state::<commands::live::LiveSlot>() {
        live.stop();
    }
    if let Some(preview) = app.try_state::<commands::preview::PreviewState>() {
        preview.stop();
    }
}

/// The TypeScript declarations of the IPC types, as committed in `ui/src/generated/ipc.ts`.
pub fn ipc_typescript() -> String {
    use project::{document, import, publish, recent, recovery, report};
    use ts_rs::TS as _;
    let cfg = ts_rs::Config::default();
    let mut out = String::from(
        "// Generated from src-tauri by `UPDATE_SNAPSHOTS=1 cargo test -p lantern-studio`. Do not edit.\n\n\
         import type { Asset, Capabilities, Effect, FaceAnchor, Gesture, Handedness, HotZone } from \"./effect\";\n\n",
    );
    for decl in [
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        commands::engine::EngineInfo::decl(&cfg),
        document::OpenedProject::decl(&cfg),
        document::Saved::decl(&cfg),
        recovery::Recovery::decl(&cfg),
        recent::RecentProject::decl(&cfg),
        import::ImportAs::decl(&cfg),
        import::ImportedAsset::decl(&cfg),
        import::Oversized::decl(&cfg),
        import::Downscale::decl(&cfg),
        report::Problem::decl(&cfg),
        report::BudgetLine::decl(&cfg),
        report::PackageReport::decl(&cfg),
        report::ExportReport::decl(&cfg),
        publish::PublishDefaults::decl(&cfg),
        publish::PublishRequest::decl(&cfg),
        publish::HubStatus::decl(&cfg),
        publish::HubPreviewStatus::decl(&cfg),
        publish::HubPreview::decl(&cfg),
        publish::HubVersion::decl(&cfg),
        publish::Published::decl(&cfg),
        preview::PreviewSource::decl(&cfg),
        preview::PreviewOptions::decl(&cfg),
        commands::preview::CameraDevice::decl(&cfg),
        preview::FrameInfo::decl(&cfg),
        preview::TrackingStatus::decl(&cfg),
        preview::TrackingState::decl(&cfg),
        preview::ConsoleLine::decl(&cfg),
        preview::ConsoleLevel::decl(&cfg),
        preview::Overlay::decl(&cfg),
        preview::OverlayFace::decl(&cfg),
        preview::OverlayAnchor::decl(&cfg),
        preview::OverlayHand::decl(&cfg),
        preview::ClipStatus::decl(&cfg),
        preview::TransportRequest::decl(&cfg),
        preview::AnimationRequest::decl(&cfg),
        preview::SoundEvent::decl(&cfg),
        preview::Captured::decl(&cfg),
        preview::RecordingStatus::decl(&cfg),
        live::LiveTarget::decl(&cfg),
        live::LiveOptions::decl(&cfg),
        live::LiveState::decl(&cfg),
        live::LiveStats::decl(&cfg),
        live::LiveEvent::decl(&cfg),
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
