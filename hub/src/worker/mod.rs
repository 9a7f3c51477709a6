//! Checks and preview renders of uploads, each in a separate worker process (this binary's
//! hidden `worker` subcommand) under `prlimit` (address space, CPU seconds, open files) and a
//! wall-clock timeout, a few at a time: a hostile package can crash or exhaust only its worker.

mod check;
mod preview;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use tokio::process::Command;
use tokio::sync::Semaphore;

pub use check::{CheckOutcome, Checked, check};
pub use preview::preview;

/// How workers are started and limited.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// The program and the arguments before `worker` (`lantern-hub`, or `lantern hub`).
    pub command: Vec<std::ffi::OsString>,
    /// Worker processes at once, for checks and for renders each.
    pub slots: usize,
    pub check_timeout: Duration,
    pub preview_timeout: Duration,
    /// Address space a worker may map, bytes.
    pub memory: u64,
}

#[derive(Clone)]
pub struct Workers {
    config: Arc<WorkerConfig>,
    /// Checks and renders queue apart: an upload is answered while earlier previews render.
    checks: Arc<Semaphore>,
    renders: Arc<Semaphore>,
    prlimit: Option<PathBuf>,
}

impl Workers {
    pub fn new(config: WorkerConfig) -> Self {
        let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file());
        if prlimit.is_none() {
            tracing::warn!("prlimit (util-linux) not found: workers run with a timeout only");
        }
        Self {
            checks: Arc::new(Semaphore::new(config.slots.max(1))),
            renders: Arc::new(Semaphore::new(config.slots.max(1))),
            config: Arc::new(config),
            prlimit,
        }
    }

    /// Checks the zip at `zip` in a worker.
    pub async fn check(&self, zip: &Path) -> Result<CheckOutcome, String> {
        let out = self
            .run(
                &self.checks,
                &["check".as_ref(), zip.as_os_str()],
                self.config.check_timeout,
            )
            .await?;
        serde_json::from_slice(&out).map_err(|e| format!("the worker's answer was not JSON: {e}"))
    }

    /// Renders `zip` over `photo` into `png` in a worker; `Ok(note)` when it rendered.
    pub async fn preview(
        &self,
        zip: &Path,
        photo: &Path,
        png: &Path,
    ) -> Result<Option<String>, String> {
        let args = [
            "preview".as_ref(),
            zip.as_os_str(),
            photo.as_os_str(),
            png.as_os_str(),
        ];
        let out = self
            .run(&self.renders, &args, self.config.preview_timeout)
            .await?;
        Ok(String::from_utf8(out)
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()))
    }

    async fn run(
        &self,
        slots: &Semaphore,
        args: &[&std::ffi::OsStr],
        timeout: Duration,
    ) -> Result<Vec<u8>, String> {
        let _slot = slots.acquire().await.map_err(|e| e.to_string())?;
        let (program, rest) = self
            .config
            .command
            .split_first()
            .ok_or("no worker command")?;
        let mut cmd = match &self.prlimit {
            Some(prlimit) => {
                let mut c = Command::new(prlimit);
                c.arg(format!("--as={}", self.config.memory))
                    .arg(format!("--cpu={}", timeout.as_secs() * 2 + 1))
                    .arg("--nofile=512")
                    .arg("--")
                    .arg(program);
                c
            }
            None => Command::new(program),
        };
        cmd.args(rest)
            .arg("worker")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let child = cmd.spawn().map_err(|e| format!("starting a worker: {e}"))?;
        let output = tokio::time::timeout(timeout, child.wait_with_output())
            .await
            .map_err(|_| {
                format!(
                    "it took longer than {} s and was stopped",
                    timeout.as_secs()
                )
            })?
            .map_err(|e| format!("waiting for a worker: {e}"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            Err(format!("the worker failed ({}): {last}", output.status))
        }
    }
}
