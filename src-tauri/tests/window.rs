//! Lantern Studio opens a real window under Xvfb (no mocks: the real binary, the real WebKitGTK).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the child process when dropped, so a failing assertion leaves nothing running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start Xvfb on a free display number; returns the guard and the display name.
fn start_xvfb() -> (KillOnDrop, String) {
    for n in 90..140 {
        if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            || std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists()
        {
            continue;
        }
        let display = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                // No reset when the last client leaves (a client connecting then is refused).
                "-noreset",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb (installed by scripts/setup.sh: apt-get install xvfb)");
        let guard = KillOnDrop(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (guard, display);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("could not start Xvfb on any display :90..:139");
}

#[test]
fn studio_opens_its_window() {
    let (_xvfb, display) = start_xvfb();
    let runtime = tempfile::tempdir().unwrap();
    let studio = Command::new(env!("CARGO_BIN_EXE_lantern-studio"))
        .env("DISPLAY", &display)
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut studio = KillOnDrop(studio);
    // Not a timing assertion: a generous limit so a hang fails instead of blocking CI.
    let deadline = Instant::now() + Duration::from_mins(2);
    let mut found = false;
    while Instant::now() < deadline && !found {
        if let Ok(Some(status)) = studio.0.try_wait() {
            panic!("Lantern Studio exited early with {status}");
        }
        let out = Command::new("xdotool")
            .args(["search", "--name", "^Lantern Studio$"])
            .env("DISPLAY", &display)
            .output()
            .expect("run xdotool (installed by scripts/setup.sh)");
        found = out.status.success() && !out.stdout.is_empty();
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(
        found,
        "no window titled \"Lantern Studio\" appeared on {display}"
    );
}
