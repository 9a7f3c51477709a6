//! Test fixture: a private nginx-rtmp (Debian `nginx` + `libnginx-mod-rtmp`) on 127.0.0.1.
//!
//! [`RtmpServer::start`] writes `testdata/nginx-rtmp.conf.in` into a temp prefix dir, starts
//! nginx in the foreground on free ports, waits until it accepts connections and kills it on
//! drop. Every published stream is recorded to `<prefix>/record/<key>.flv`; the HLS variant also
//! writes `<prefix>/hls/<key>.m3u8` served at `http://127.0.0.1:<http_port>/hls/<key>.m3u8`.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONF: &str = include_str!("../testdata/nginx-rtmp.conf.in");

/// A running nginx-rtmp; stopped (killed) on drop.
pub struct RtmpServer {
    child: Option<Child>,
    dir: tempfile::TempDir,
    rtmp_port: u16,
    http_port: u16,
}

impl RtmpServer {
    /// Starts nginx-rtmp with recording.
    pub fn start() -> std::io::Result<Self> {
        Self::start_inner(false)
    }

    /// Starts nginx-rtmp with recording and HLS (1 s fragments) served over HTTP.
    pub fn start_hls() -> std::io::Result<Self> {
        Self::start_inner(true)
    }

    fn start_inner(hls: bool) -> std::io::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("lantern-nginx-")
            .tempdir()?;
        for sub in ["record", "hls", "tmp"] {
            std::fs::create_dir_all(dir.path().join(sub))?;
        }
        let mut server = Self {
            child: None,
            dir,
            rtmp_port: free_port()?,
            http_port: free_port()?,
        };
        let hls_conf = if hls {
            format!(
                "hls on; hls_path {}/hls; hls_fragment 1s; hls_playlist_length 10s;",
                server.prefix()
            )
        } else {
            String::new()
        };
        let conf = CONF
            .replace("@PREFIX@", &server.prefix())
            .replace("@RTMP_PORT@", &server.rtmp_port.to_string())
            .replace("@HTTP_PORT@", &server.http_port.to_string())
            .replace("@HLS@", &hls_conf);
        std::fs::write(server.dir.path().join("nginx.conf"), conf)?;
        server.resume()?;
        Ok(server)
    }

    fn prefix(&self) -> String {
        self.dir.path().display().to_string()
    }

    /// (Re)starts nginx on the same ports and waits until it accepts connections.
    pub fn resume(&mut self) -> std::io::Result<()> {
        if self.child.is_some() {
            return Ok(());
        }
        let prefix = self.prefix();
        let child = Command::new("nginx")
            .args(["-p", &prefix, "-c", &format!("{prefix}/nginx.conf"), "-e"])
            .arg(format!("{prefix}/error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if TcpStream::connect((Ipv4Addr::LOCALHOST, self.rtmp_port)).is_ok() {
                return Ok(());
            }
            if let Some(child) = self.child.as_mut()
                && let Some(status) = child.try_wait()?
            {
                self.child = None;
                return Err(std::io::Error::other(format!(
                    "nginx exited ({status}) before listening: {}",
                    self.error_log()
                )));
            }
            if Instant::now() > deadline {
                self.stop();
                return Err(std::io::Error::other(format!(
                    "nginx did not listen on 127.0.0.1:{} within 20 s: {}",
                    self.rtmp_port,
                    self.error_log()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills nginx (for reconnect tests); [`Self::resume`] starts it again on the same port.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// `rtmp://127.0.0.1:<port>/live` — the server URL, as OBS takes it.
    pub fn url(&self) -> String {
        format!("rtmp://127.0.0.1:{}/live", self.rtmp_port)
    }

    /// The full URL of stream `key`.
    pub fn stream_url(&self, key: &str) -> String {
        format!("{}/{key}", self.url())
    }

    /// Where nginx records stream `key`.
    pub fn recording(&self, key: &str) -> PathBuf {
        self.dir.path().join("record").join(format!("{key}.flv"))
    }

    /// The HLS playlist URL of stream `key` (HLS variant only).
    pub fn hls_url(&self, key: &str) -> String {
        format!("http://127.0.0.1:{}/hls/{key}.m3u8", self.http_port)
    }

    pub fn hls_dir(&self) -> PathBuf {
        self.dir.path().join("hls")
    }

    pub fn prefix_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Waits until the recording of `key` exists and has stopped growing (nginx closes it when
    /// the publisher disconnects); returns its path. Gives up after `limit`.
    pub fn wait_recording(&self, key: &str, limit: Duration) -> std::io::Result<PathBuf> {
        let path = self.recording(key);
        let deadline = Instant::now() + limit;
        let mut last = None;
        loop {
            let len = std::fs::metadata(&path).map(|m| m.len()).ok();
            if len.is_some() && len == last {
                return Ok(path);
            }
            last = len;
            if Instant::now() > deadline {
                return Err(std::io::Error::other(format!(
                    "no finished recording at {}: {}",
                    path.display(),
                    self.error_log()
                )));
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// nginx's error log (for failure messages).
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for RtmpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}
