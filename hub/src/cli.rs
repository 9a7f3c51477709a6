//! The command line: `serve`, `token`, `review`, and the hidden `worker` the server starts.
//! `lantern hub …` is the same parser, reached from the `lantern` binary ([`run`] with its
//! prefix), so the workers it starts are `lantern hub worker …`.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use lantern_library::EffectRef;
use lantern_library::wire::Role;
use lantern_library::wire_versions::{Decision, ReviewRequest};

use crate::server::ServeConfig;
use crate::worker::WorkerConfig;

#[derive(Parser)]
#[command(
    name = "lantern-hub",
    version,
    about = "Lantern Hub: the effect library server (publish, review, distribute)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the library's API and web pages.
    Serve(ServeArgs),
    /// Manage API tokens directly in the data folder (the first admin token comes from here).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Review pending versions over the API (a reviewer's token).
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Live rooms over the API (a host's token).
    #[command(subcommand)]
    Room(RoomCommand),
    /// Check or render an upload in this process (the server starts these).
    #[command(subcommand, hide = true)]
    Worker(WorkerCommand),
}

#[derive(Args, Clone)]
pub struct Store {
    /// The data folder: hub.db (SQLite), blobs/, tmp/.
    #[arg(long, default_value = "hub-data")]
    pub data: PathBuf,
    /// A database URL instead of data/hub.db: postgres://user@host:port/db for several instances.
    #[arg(long, env = "LANTERN_HUB_DATABASE")]
    pub database: Option<String>,
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: Store,
    /// The package and preview blobs (default: DATA/blobs); instances sharing a database share
    /// this folder too.
    #[arg(long)]
    pub blobs: Option<PathBuf>,
    /// Blobs no version refers to are removed at start once older than this (default: 0 with
    /// SQLite; 600 with --database, where another instance may be between storing a blob and
    /// recording it).
    #[arg(long)]
    pub orphan_grace_secs: Option<u64>,
    /// Address to listen on (port 0: any free port; the first line printed says which).
    #[arg(long, default_value = "127.0.0.1:8470")]
    pub listen: SocketAddr,
    /// The built web pages (ui/dist with hub.html); default: ui/dist above the working folder or the binary.
    #[arg(long)]
    pub web: Option<PathBuf>,
    /// Reference photos for preview renders (default: $LANTERN_MEDIA or shared/media in a
    /// development checkout, else a licensed set fetched once into the cache).
    #[arg(long)]
    pub photos: Option<PathBuf>,
    /// The largest upload, MiB.
    #[arg(long, default_value_t = 32)]
    pub max_upload_mib: u64,
    /// Worker processes at once (checks and renders).
    #[arg(long, default_value_t = 1)]
    pub workers: usize,
    /// Address space a worker may map, MiB.
    #[arg(long, default_value_t = 8192)]
    pub worker_memory_mib: u64,
    /// Where rooms' streams play as HLS: a room's default address is BASE/STREAM_KEY.m3u8
    /// (nginx-rtmp's `hls_path` served over HTTP, say http://127.0.0.1:8080/hls).
    #[arg(long)]
    pub hls_base: Option<String>,
    /// Viewer sockets one address may hold (a load test from one machine raises it).
    #[arg(long, default_value_t = 20)]
    pub room_viewers_per_address: u32,
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token; the secret is printed once, on the last line.
    Create {
        #[command(flatten)]
        store: Store,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Whose token it is.
        #[arg(long)]
        name: String,
    },
    /// List live tokens (no secrets).
    List {
        #[command(flatten)]
        store: Store,
    },
    /// Revoke a token by id.
    Revoke {
        #[command(flatten)]
        store: Store,
        id: i64,
    },
}

#[derive(Args, Clone)]
pub struct Remote {
    /// The hub's address.
    #[arg(long, env = "LANTERN_HUB", default_value = "http://127.0.0.1:8470")]
    pub hub: String,
    /// A reviewer's API token.
    #[arg(long, env = "LANTERN_HUB_TOKEN", hide_env_values = true)]
    pub token: String,
}

#[derive(Subcommand)]
pub enum ReviewCommand {
    /// The pending versions.
    List(Remote),
    /// Approve NAME@VERSION: the hub signs it and hosts can go live with it.
    Approve {
        #[command(flatten)]
        remote: Remote,
        #[arg(value_name = "NAME@VERSION")]
        target: String,
    },
    /// Reject NAME@VERSION with a reason the designer reads.
    Reject {
        #[command(flatten)]
        remote: Remote,
        #[arg(value_name = "NAME@VERSION")]
        target: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum RoomCommand {
    /// Open a live room; prints its push address and token (shown once) and the viewer page.
    Create {
        #[command(flatten)]
        remote: Remote,
        #[arg(long)]
        name: String,
        /// Where viewers play the stream (HLS); default: the hub's --hls-base and the stream key.
        #[arg(long)]
        hls: Option<String>,
    },
    /// A room's awards (the room's token or a host's; CSV at /api/rooms/ID/ledger.csv).
    Ledger {
        #[command(flatten)]
        remote: Remote,
        room: String,
    },
}

#[derive(Subcommand)]
pub enum WorkerCommand {
    Check {
        package: PathBuf,
    },
    Preview {
        package: PathBuf,
        photo: PathBuf,
        out: PathBuf,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("{s:?} is not a role: designer, reviewer, host or admin"))
}

/// `lantern-hub`'s entry point.
pub fn main() -> ExitCode {
    run(Cli::parse(), Vec::new())
}

/// Runs `cli`; `prefix` is how this binary reaches the hub's commands (`["hub"]` from `lantern`).
pub fn run(cli: Cli, prefix: Vec<OsString>) -> ExitCode {
    init_logging();
    match dispatch(cli, prefix) {
        Ok(code) => code,
        Err(e) => {
            tracing::error!("{e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("hub-io")
        .enable_all()
        .build()?)
}

fn dispatch(cli: Cli, prefix: Vec<OsString>) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => {
            let cfg = serve_config(args, prefix)?;
            runtime()?.block_on(crate::server::serve(cfg))?;
        }
        Command::Token(cmd) => runtime()?.block_on(crate::cli_tokens::run(cmd))?,
        Command::Review(cmd) => review(cmd)?,
        Command::Room(cmd) => room(cmd)?,
        Command::Worker(cmd) => worker(cmd)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn serve_config(args: ServeArgs, prefix: Vec<OsString>) -> anyhow::Result<ServeConfig> {
    let exe = std::env::current_exe().context("finding this program for its workers")?;
    let mut command = vec![exe.into_os_string()];
    command.extend(prefix);
    Ok(ServeConfig {
        blobs: args.blobs.unwrap_or_else(|| args.store.data.join("blobs")),
        orphan_grace: Duration::from_secs(args.orphan_grace_secs.unwrap_or(
            if args.store.database.is_some() {
                600
            } else {
                0
            },
        )),
        data: args.store.data,
        database: args.store.database,
        listen: args.listen,
        web: args.web.or_else(crate::cli_tokens::find_web),
        photos: crate::photos::reference_photos(args.photos.as_deref())?,
        max_upload: args.max_upload_mib << 20,
        hls_base: args.hls_base,
        viewers_per_address: args.room_viewers_per_address,
        workers: WorkerConfig {
            command,
            slots: args.workers,
            check_timeout: Duration::from_mins(1),
            preview_timeout: Duration::from_mins(2),
            memory: args.worker_memory_mib << 20,
        },
    })
}

fn review(cmd: ReviewCommand) -> anyhow::Result<()> {
    let (remote, target, req) = match cmd {
        ReviewCommand::List(remote) => {
            let client = lantern_library::HubClient::new(&remote.hub, Some(remote.token));
            let queue = client.reviews().map_err(|e| e.into_error(&remote.hub))?;
            if queue.versions.is_empty() {
                println!("nothing to review");
            }
            for v in queue.versions {
                println!(
                    "{}@{}  \"{}\" by {} at {} ({} bytes)",
                    v.name, v.version, v.title, v.uploaded_by, v.uploaded_at, v.size
                );
            }
            return Ok(());
        }
        ReviewCommand::Approve { remote, target } => (
            remote,
            target,
            ReviewRequest {
                decision: Decision::Approve,
                reason: None,
            },
        ),
        ReviewCommand::Reject {
            remote,
            target,
            reason,
        } => (
            remote,
            target,
            ReviewRequest {
                decision: Decision::Reject,
                reason: Some(reason),
            },
        ),
    };
    let r = EffectRef::from_effect_arg(&format!("{}{target}", EffectRef::PREFIX))
        .context("NAME@VERSION")??;
    let client = lantern_library::HubClient::new(&remote.hub, Some(remote.token));
    let v = client
        .review(&r, &req)
        .map_err(|e| e.into_error(&remote.hub))?;
    println!("{}@{} is {}", v.name, v.version, v.status.as_str());
    Ok(())
}

fn room(cmd: RoomCommand) -> anyhow::Result<()> {
    match cmd {
        RoomCommand::Create { remote, name, hls } => {
            let client = lantern_library::HubClient::new(&remote.hub, Some(remote.token));
            let req = lantern_library::room::NewRoom {
                name,
                gifts: None,
                hls,
            };
            let made = client
                .create_room(&req)
                .map_err(|e| e.into_error(&remote.hub))?;
            println!("room {} \"{}\"", made.room.id, made.room.name);
            println!("  viewers:    {}", made.viewer_url);
            println!("  stream key: {}", made.stream_key);
            println!(
                "  go live:    lantern push --room {} --room-token {} …",
                made.push_url, made.room_token
            );
            println!("the room token is shown this once: keep it");
        }
        RoomCommand::Ledger { remote, room } => {
            let client = lantern_library::HubClient::new(&remote.hub, Some(remote.token));
            let ledger = client
                .ledger(&room)
                .map_err(|e| e.into_error(&remote.hub))?;
            for a in &ledger.awards {
                println!(
                    "{}  {}  {} {:?}  {}",
                    a.at, a.viewer, a.kind, a.zone, a.amount
                );
            }
            println!("{} award(s), {} in all", ledger.awards.len(), ledger.total);
        }
    }
    Ok(())
}

fn worker(cmd: WorkerCommand) -> anyhow::Result<()> {
    match cmd {
        WorkerCommand::Check { package } => {
            let outcome = crate::worker::check(&package)?;
            println!("{}", serde_json::to_string(&outcome)?);
        }
        WorkerCommand::Preview {
            package,
            photo,
            out,
        } => {
            if let Some(note) = crate::worker::preview(&package, &photo, &out)? {
                println!("{note}");
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory as _;
        super::Cli::command().debug_assert();
    }
}
