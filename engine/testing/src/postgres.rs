//! Test fixture: a throwaway PostgreSQL cluster (Debian's `postgresql`) on 127.0.0.1, made with
//! `initdb` in a temporary folder and started with `pg_ctl`; stopped on drop. PostgreSQL refuses
//! to run as root, so as root the folder is handed to the `postgres` user and the programs run
//! through `runuser`.

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl PgCluster {
    /// Makes and starts a cluster with the superuser `lantern` (trust authentication).
    pub fn start() -> std::io::Result<Self> {
        let bin = server_bin().ok_or_else(|| {
            std::io::Error::other(
                "PostgreSQL's server is not installed: apt-get install postgresql",
            )
        })?;
        let dir = tempfile::Builder::new().prefix("lantern-pg-").tempdir()?;
        let as_postgres = is_root();
        if as_postgres {
            let id = |flag: &str| -> std::io::Result<u32> {
                let out = Command::new("id").args([flag, "postgres"]).output()?;
                String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .parse()
                    .map_err(|_| std::io::Error::other("no postgres user"))
            };
            std::os::unix::fs::chown(dir.path(), Some(id("-u")?), Some(id("-g")?))?;
        }
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
            .local_addr()?
            .port();
        let cluster = Self {
            dir,
            bin,
            port,
            as_postgres,
        };
        let data = cluster.data();
        let data = data.to_str().unwrap_or_default();
        cluster.run(
            "initdb",
            &[
                "-D",
                data,
                "-A",
                "trust",
                "-U",
                "lantern",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        )?;
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            cluster.port,
            cluster.dir.path().display()
        );
        let log = cluster.dir.path().join("log");
        cluster.run(
            "pg_ctl",
            &[
                "-D",
                data,
                "-o",
                &opts,
                "-l",
                log.to_str().unwrap_or_default(),
                "-w",
                "start",
            ],
        )?;
        Ok(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn run(&self, program: &str, args: &[&str]) -> std::io::Result<Output> {
        let path = self.bin.join(program);
        let out = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&path)
                .args(args)
                .output()?
        } else {
            Command::new(&path).args(args).output()?
        };
        if !out.status.success() {
            return Err(std::io::Error::other(format!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        Ok(out)
    }

    /// A new empty database's URL.
    pub fn database(&self, name: &str) -> std::io::Result<String> {
        let port = self.port.to_string();
        self.run(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "lantern", name],
        )?;
        Ok(format!("postgres://lantern@127.0.0.1:{}/{name}", self.port))
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap_or_default(),
                "-m",
                "immediate",
                "stop",
            ],
        );
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The newest `/usr/lib/postgresql/N/bin`.
fn server_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(Path::new("/usr/lib/postgresql"))
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, b)| b)
}
