//! The webview's settings the Studio chooses on Linux (WebKitGTK).
//!
//! Without a GPU, WebKit's accelerated compositing draws every layer with a software GL on the
//! same two cores the engine renders and tracks on. Measured in the real window (the real-app
//! e2e, 1280x720 preview over a photo on a 2-core machine without a GPU): with it, keydown to
//! paint p50 61-73 ms, p95 148-154 ms and 15 preview frames drawn per second; without it, p50 7 ms,
//! p95 17 ms and 24 frames. So the Studio turns it off when the machine has no GPU render node
//! (`/dev/dri/renderD*`), and `LANTERN_STUDIO_WEBVIEW_GPU=on|off` overrides the guess.

/// The environment variable that overrides the guess.
pub const WEBVIEW_GPU_ENV: &str = "LANTERN_STUDIO_WEBVIEW_GPU";

/// Whether the webview should composite on the GPU: as `setting` says ("on"/"off"), else when
/// there is a GPU to do it.
pub fn accelerate(setting: Option<&str>, has_gpu: bool) -> bool {
    match setting.map(str::trim) {
        Some("on" | "1" | "yes") => true,
        Some("off" | "0" | "no") => false,
        _ => has_gpu,
    }
}

/// Whether the machine has a GPU render node.
pub fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Applies the choice to the app's webviews (on Linux; elsewhere the platform's defaults stay).
pub fn configure<R: tauri::Runtime>(app: &tauri::App<R>) {
    use tauri::Manager as _;
    let setting = std::env::var(WEBVIEW_GPU_ENV).ok();
    let on = accelerate(setting.as_deref(), has_render_node());
    tracing::info!(
        "webview compositing on the {} (set {WEBVIEW_GPU_ENV}=on|off to choose)",
        if on {
            "GPU"
        } else {
            "CPU, without layers: no GPU here"
        }
    );
    for window in app.webview_windows().into_values() {
        let applied = window.with_webview(move |webview| {
            #[cfg(target_os = "linux")]
            {
                use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt as _, WebViewExt as _};
                if let Some(settings) = webview.inner().settings() {
                    settings.set_hardware_acceleration_policy(if on {
                        HardwareAccelerationPolicy::Always
                    } else {
                        HardwareAccelerationPolicy::Never
                    });
                }
            }
            #[cfg(not(target_os = "linux"))]
            let _ = (webview, on);
        });
        if let Err(e) = applied {
            tracing::warn!("could not set the webview's compositing: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::accelerate;

    #[test]
    fn the_setting_wins_and_the_gpu_decides_without_one() {
        assert!(accelerate(Some("on"), false));
        assert!(!accelerate(Some(" off "), true));
        assert!(accelerate(None, true));
        assert!(!accelerate(None, false));
        assert!(!accelerate(Some("maybe"), false));
    }
}
