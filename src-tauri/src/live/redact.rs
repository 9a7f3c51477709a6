//! Stream keys stay out of logs and messages. While a push runs, its full URL (server + key) and
//! its key are registered here; [`redact`] replaces them with a masked form, and the Studio's
//! log writer ([`Redacting`]) runs every log line through it — the engine logs the URL it opens
//! and the reconnect state machine names it in each transition.
//!
//! A short key (under [`MIN_BARE_KEY`] characters) is only masked inside the full URL: masking
//! every "k" or "test" in the log would make it unreadable and protects nothing.

use std::io::Write;
use std::sync::{Mutex, PoisonError};

use tracing_subscriber::fmt::MakeWriter;

/// What a key is replaced with.
pub const MASK: &str = "••••";
/// Keys at least this long are also masked on their own, wherever they appear.
pub const MIN_BARE_KEY: usize = 6;

/// (secret, replacement) pairs of the pushes running now, longest first.
static SECRETS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn secrets() -> std::sync::MutexGuard<'static, Vec<(String, String)>> {
    SECRETS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `server` with the key masked, as shown to people and logs (`rtmp://host/app/••••`).
pub fn masked_url(server: &str, key: &str) -> String {
    let server = server.trim().trim_end_matches('/');
    if key.trim().is_empty() {
        server.to_owned()
    } else {
        format!("{server}/{MASK}")
    }
}

/// Masks the registered secrets in `text`.
pub fn redact(text: &str) -> String {
    let list = secrets();
    let mut out = text.to_owned();
    for (secret, mask) in list.iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), mask);
        }
    }
    out
}

/// Registered secrets; they are forgotten when this is dropped (after the push has ended).
#[derive(Debug)]
pub struct Secret {
    entries: Vec<String>,
}

/// Registers the URL `full` (server + key) and, when long enough, the key itself.
pub fn register(full: &str, server: &str, key: &str) -> Secret {
    let key = key.trim().trim_start_matches('/');
    let mut entries = Vec::new();
    let mut list = secrets();
    if !key.is_empty() {
        list.push((full.to_owned(), masked_url(server, key)));
        entries.push(full.to_owned());
        if key.chars().count() >= MIN_BARE_KEY {
            list.push((key.to_owned(), MASK.to_owned()));
            entries.push(key.to_owned());
        }
    }
    // Longest first: the URL is replaced before the key inside it.
    list.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    drop(list);
    Secret { entries }
}

impl Drop for Secret {
    fn drop(&mut self) {
        let mut list = secrets();
        for e in &self.entries {
            if let Some(i) = list.iter().position(|(s, _)| s == e) {
                list.remove(i);
            }
        }
    }
}

/// A log writer that masks secrets before they reach `W` (stderr in the Studio).
#[derive(Clone, Copy, Debug, Default)]
pub struct Redacting<M>(pub M);

/// One log event on its way out (the formatter writes each event in one call).
pub struct RedactingWriter<W: Write>(W);

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) => self.0.write_all(redact(text).as_bytes())?,
            Err(_) => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter(self.0.make_writer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_masked_while_registered_and_only_then() {
        let full = "rtmp://127.0.0.1:1935/live/sk_live_secret123";
        let secret = register(full, "rtmp://127.0.0.1:1935/live/", "sk_live_secret123");
        let line = format!("live: {full}; reconnecting to {full} (key sk_live_secret123)");
        let out = redact(&line);
        assert!(!out.contains("secret123"), "{out}");
        assert!(
            out.contains("rtmp://127.0.0.1:1935/live/••••"),
            "the server stays readable: {out}"
        );
        let mut sink = Vec::new();
        RedactingWriter(&mut sink)
            .write_all(line.as_bytes())
            .unwrap();
        assert!(!String::from_utf8(sink).unwrap().contains("secret123"));
        drop(secret);
        assert_eq!(redact(&line), line);
        // A short key is masked in the URL only.
        let short = register("rtmp://h/app/k", "rtmp://h/app", "k");
        assert_eq!(redact("rtmp://h/app/k ok"), "rtmp://h/app/•••• ok");
        drop(short);
        assert_eq!(masked_url("rtmp://h/app/", ""), "rtmp://h/app");
    }
}
