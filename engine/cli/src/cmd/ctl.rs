//! `lantern ctl`: one request to a running push's control API (`lantern push --control`), its
//! response printed as JSON; with `--follow`, the events after it, one JSON line each, until
//! the push ends or Ctrl-C. For scripts and chat bots.

use std::process::ExitCode;

use anyhow::Context as _;
use lantern_control::Client;
use lantern_control::messages::{Request, ServerMessage};

#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    lantern ctl ws://127.0.0.1:4455 stats\n  \
    lantern ctl ws://127.0.0.1:4455 switch '{\"effect\": \"examples/face-bird\"}'\n  \
    lantern ctl ws://127.0.0.1:4455 layer '{\"id\": \"banner\", \"visible\": false}'\n  \
    lantern ctl ws://127.0.0.1:4455 command '{\"name\": \"gift\", \"args\": {\"from\": \"ana\"}}'\n  \
    lantern ctl ws://127.0.0.1:4455 stats --follow")]
pub struct Args {
    /// The push's control address (`ws://host:port`).
    pub url: String,
    /// stats, effect, switch, reload, layer, gameplay, command, tap or stop (see docs/control.md).
    pub request: String,
    /// The request's data as JSON, e.g. '{"effect": "examples/lucky-hat"}'.
    pub data: Option<String>,
    /// The token the push was started with (or the LANTERN_CONTROL_TOKEN variable).
    #[arg(long, env = "LANTERN_CONTROL_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// After the response, print events as they come.
    #[arg(long)]
    pub follow: bool,
}

/// The request named `name` with `data`, read like the API reads it (so errors name the field).
fn request(name: &str, data: Option<&str>) -> anyhow::Result<Request> {
    let data: serde_json::Value = match data {
        Some(text) => {
            serde_json::from_str(text).with_context(|| format!("the data {text:?} is not JSON"))?
        }
        None => serde_json::Value::Null,
    };
    let mut message = serde_json::json!({ "request": name });
    if !data.is_null() {
        message["data"] = data;
    }
    serde_json::from_value(message).with_context(|| {
        format!("{name:?} with that data is not a request (see `lantern ctl --help` and docs/control.md)")
    })
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let request = request(&args.request, args.data.as_deref())?;
    let mut client = Client::connect(&args.url, args.token.as_deref())?;
    let response = client.request(request)?;
    println!("{}", serde_json::to_string(&response)?);
    if !response.ok {
        return Ok(ExitCode::FAILURE);
    }
    if args.follow {
        loop {
            match client.read() {
                Ok(ServerMessage::Event(e)) => println!("{}", serde_json::to_string(&e)?),
                Ok(ServerMessage::Response(_)) => {}
                Err(e) => {
                    tracing::info!("{e}");
                    break;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
