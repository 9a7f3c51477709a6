//! Test fixture: a Lantern Hub process on 127.0.0.1 (`lantern-hub serve`, or `lantern hub serve`)
//! over a data folder that outlives it, so a test can kill it (`kill -9`) and start it again on
//! the same data. Tokens are made with the binary's own `token create`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running hub; killed on drop.
pub struct HubServer {
    program: Vec<String>,
    data: PathBuf,
    extra: Vec<String>,
    child: Option<Child>,
    url: String,
}

impl HubServer {
    /// Starts `program` (its first element the binary, then the arguments before `serve`) over
    /// `data`, with `extra` arguments to `serve`, on a free port.
    pub fn start(program: &[&str], data: &Path, extra: &[&str]) -> std::io::Result<Self> {
        let mut hub = Self {
            program: program.iter().map(|s| (*s).to_owned()).collect(),
            data: data.to_owned(),
            extra: extra.iter().map(|s| (*s).to_owned()).collect(),
            child: None,
            url: String::new(),
        };
        hub.restart(None)?;
        Ok(hub)
    }

    /// (Re)starts the hub; on the same port when `port` is given.
    pub fn restart(&mut self, port: Option<u16>) -> std::io::Result<()> {
        self.kill();
        let listen = format!("127.0.0.1:{}", port.unwrap_or(0));
        let mut child = Command::new(&self.program[0])
            .args(&self.program[1..])
            .arg("serve")
            .arg("--data")
            .arg(&self.data)
            .args(["--listen", &listen])
            .args(&self.extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("hub-stdout".into())
            .spawn(move || {
                let mut lines = BufReader::new(stdout).lines();
                if let Some(Ok(first)) = lines.next() {
                    let _ = tx.send(first);
                }
                for _ in lines {}
            })?;
        self.child = Some(child);
        let first = rx
            .recv_timeout(Duration::from_mins(1))
            .map_err(|_| std::io::Error::other("the hub printed no address within 60 s"))?;
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .ok_or_else(|| std::io::Error::other(format!("no address in {first:?}")))?;
        url.clone_into(&mut self.url);
        Ok(())
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn port(&self) -> u16 {
        self.url
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    pub fn data(&self) -> &Path {
        &self.data
    }

    /// Makes a token with `role` in the hub's database; returns the secret.
    pub fn token(&self, role: &str, name: &str) -> String {
        let database = self
            .extra
            .iter()
            .position(|a| a == "--database")
            .and_then(|i| self.extra.get(i..=i + 1))
            .unwrap_or_default();
        let out = Command::new(&self.program[0])
            .args(&self.program[1..])
            .args(["token", "create", "--role", role, "--name", name, "--data"])
            .arg(&self.data)
            .args(database)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "token create: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .last()
            .unwrap()
            .trim()
            .to_owned()
    }

    /// `kill -9`: no chance to clean up.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Waits until `f` holds or `limit` passes.
    pub fn wait_until(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if f() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for HubServer {
    fn drop(&mut self) {
        self.kill();
    }
}
