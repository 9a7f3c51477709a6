//! `console.*` output: a bounded buffer of [`LogEntry`]s plus an optional host callback
//! (the Studio console, the push-mode log).

use std::collections::VecDeque;

/// Severity of a log line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LogLevel {
    Debug,
    Info,
    Warn,
    Error,
}

impl LogLevel {
    /// From the number the JS prelude passes (0 debug, 1 info/log, 2 warn, 3 error).
    pub(crate) fn from_code(code: i32) -> Self {
        match code {
            i32::MIN..=0 => Self::Debug,
            1 => Self::Info,
            2 => Self::Warn,
            _ => Self::Error,
        }
    }
}

/// One line of script output (or a runtime report such as an exception).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LogEntry {
    pub level: LogLevel,
    pub message: String,
    /// `file:line` of the `console` call inside the package, when known.
    pub location: Option<String>,
    /// The frame the line was written in.
    pub frame: u64,
}

/// A callback that sees every log line as it is written.
pub type LogSink = Box<dyn FnMut(&LogEntry)>;

/// Keeps the newest `capacity` lines; counts the dropped ones.
pub(crate) struct LogBuffer {
    entries: VecDeque<LogEntry>,
    capacity: usize,
    max_message: usize,
    pub(crate) dropped: u64,
    pub(crate) sink: Option<LogSink>,
}

impl LogBuffer {
    pub(crate) fn new(capacity: usize, max_message: usize) -> Self {
        Self {
            entries: VecDeque::with_capacity(capacity.min(1024)),
            capacity: capacity.max(1),
            max_message,
            dropped: 0,
            sink: None,
        }
    }

    pub(crate) fn push(&mut self, mut entry: LogEntry) {
        if entry.message.len() > self.max_message {
            let mut cut = self.max_message;
            while !entry.message.is_char_boundary(cut) {
                cut -= 1;
            }
            entry.message.truncate(cut);
            entry.message.push_str("… (truncated)");
        }
        match entry.level {
            LogLevel::Debug => tracing::debug!(target: "lantern_script", "{}", entry.message),
            LogLevel::Info => tracing::info!(target: "lantern_script", "{}", entry.message),
            LogLevel::Warn => tracing::warn!(target: "lantern_script", "{}", entry.message),
            LogLevel::Error => tracing::error!(target: "lantern_script", "{}", entry.message),
        }
        if let Some(sink) = self.sink.as_mut() {
            sink(&entry);
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn drain(&mut self) -> std::collections::vec_deque::Drain<'_, LogEntry> {
        self.entries.drain(..)
    }
}
