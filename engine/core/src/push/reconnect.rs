//! The reconnect state machine, modelled on OBS's: when a live connection dies, wait ~2 s, try
//! again, and multiply the wait by 1.5 after each failed attempt up to a cap, giving up after a
//! maximum number of attempts (0 = never). A successful reconnect resets the count.
//!
//! ```text
//!            lost(err)                    attempt_failed (attempt < max)
//!   Live ───────────────► Waiting{1} ─► … Waiting{n+1}
//!    ▲                       │ due()             │ attempt_failed (attempt == max)
//!    └──── connected() ──────┘                   ▼
//!                                              GaveUp
//! ```
//!
//! The machine is pure (time is passed in) so it is tested without sleeping; the send stage
//! (`send.rs`) drives it and logs each transition.

use std::time::{Duration, Instant};

/// How long to wait between attempts.
#[derive(Clone, Debug, PartialEq)]
pub struct Backoff {
    /// Wait before the first retry.
    pub first: Duration,
    /// Each failed attempt multiplies the wait by this.
    pub factor: f64,
    /// The longest wait.
    pub max: Duration,
    /// Give up after this many failed attempts in a row; 0 retries forever.
    pub max_attempts: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(2),
            factor: 1.5,
            max: Duration::from_mins(1),
            max_attempts: 25,
        }
    }
}

impl Backoff {
    /// The wait before attempt `attempt` (1-based).
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(64) as i32;
        let secs = self.first.as_secs_f64() * self.factor.max(1.0).powi(exp);
        Duration::from_secs_f64(secs.min(self.max.as_secs_f64()))
    }
}

/// The link as reports show it (`connecting`, `live`, `reconnecting (attempt 2)`): a stats
/// line, `--stats-json`'s `"link"` and the Studio's Go live status all read this one value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Link {
    /// The first connection is being made.
    #[default]
    Connecting,
    Live,
    /// The connection dropped; attempt `attempt` is next.
    Reconnecting {
        attempt: u32,
    },
}

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Connecting => f.write_str("connecting"),
            Self::Live => f.write_str("live"),
            Self::Reconnecting { attempt } => write!(f, "reconnecting (attempt {attempt})"),
        }
    }
}

impl serde::Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where the link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// Connected and sending.
    Live { since: Instant },
    /// Disconnected; attempt `attempt` is due at `at`.
    Waiting {
        attempt: u32,
        at: Instant,
        down_since: Instant,
    },
    /// Out of attempts.
    GaveUp,
}

/// The state machine.
#[derive(Clone, Debug)]
pub struct Reconnector {
    backoff: Backoff,
    state: LinkState,
    reconnects: u64,
}

impl Reconnector {
    /// Starts live (the first connection is made before the pipeline starts).
    pub fn new(backoff: Backoff, now: Instant) -> Self {
        Self {
            backoff,
            state: LinkState::Live { since: now },
            reconnects: 0,
        }
    }

    pub fn state(&self) -> LinkState {
        self.state
    }

    pub fn is_live(&self) -> bool {
        matches!(self.state, LinkState::Live { .. })
    }

    /// Successful reconnects so far.
    pub fn reconnects(&self) -> u64 {
        self.reconnects
    }

    pub fn backoff(&self) -> &Backoff {
        &self.backoff
    }

    /// The live connection died: schedule the first retry.
    pub fn lost(&mut self, now: Instant) -> LinkState {
        if self.is_live() {
            self.state = LinkState::Waiting {
                attempt: 1,
                at: now + self.backoff.delay(1),
                down_since: now,
            };
        }
        self.state
    }

    /// Whether a reconnect attempt is due now.
    pub fn due(&self, now: Instant) -> bool {
        matches!(self.state, LinkState::Waiting { at, .. } if now >= at)
    }

    /// How long until the next attempt (zero when due; `None` when live or given up).
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        match self.state {
            LinkState::Waiting { at, .. } => Some(at.saturating_duration_since(now)),
            _ => None,
        }
    }

    /// The attempt failed: wait longer, or give up.
    pub fn attempt_failed(&mut self, now: Instant) -> LinkState {
        if let LinkState::Waiting {
            attempt,
            down_since,
            ..
        } = self.state
        {
            self.state = if self.backoff.max_attempts != 0 && attempt >= self.backoff.max_attempts {
                LinkState::GaveUp
            } else {
                LinkState::Waiting {
                    attempt: attempt + 1,
                    at: now + self.backoff.delay(attempt + 1),
                    down_since,
                }
            };
        }
        self.state
    }

    /// The attempt succeeded: live again. Returns how long the link was down.
    pub fn connected(&mut self, now: Instant) -> Duration {
        let down = match self.state {
            LinkState::Waiting { down_since, .. } => {
                self.reconnects += 1;
                now.saturating_duration_since(down_since)
            }
            _ => Duration::ZERO,
        };
        self.state = LinkState::Live { since: now };
        down
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_by_half_and_caps() {
        let b = Backoff {
            max: Duration::from_secs(5),
            ..Backoff::default()
        };
        let secs: Vec<f64> = (1..=5).map(|n| b.delay(n).as_secs_f64()).collect();
        assert_eq!(secs, [2.0, 3.0, 4.5, 5.0, 5.0]);
    }

    #[test]
    fn lose_retry_fail_reconnect_and_give_up() {
        let t0 = Instant::now();
        let s = |n: u64| t0 + Duration::from_secs(n);
        let mut r = Reconnector::new(
            Backoff {
                max_attempts: 2,
                ..Backoff::default()
            },
            t0,
        );
        assert!(r.is_live() && !r.due(s(100)));
        r.lost(s(10));
        assert!(!r.due(s(11)));
        assert!(r.due(s(12)));
        assert_eq!(r.wait(s(11)), Some(Duration::from_secs(1)));
        let LinkState::Waiting { attempt: 2, at, .. } = r.attempt_failed(s(12)) else {
            panic!("second attempt expected: {:?}", r.state());
        };
        assert_eq!(at, s(15));
        assert_eq!(r.connected(s(15)), Duration::from_secs(5));
        assert_eq!(r.reconnects(), 1);
        // A new outage starts counting from 1 again; two failures give up.
        r.lost(s(20));
        r.attempt_failed(s(22));
        assert_eq!(r.attempt_failed(s(25)), LinkState::GaveUp);
        assert_eq!(r.wait(s(30)), None);
    }

    #[test]
    fn zero_max_attempts_retries_forever() {
        let t0 = Instant::now();
        let mut r = Reconnector::new(
            Backoff {
                max_attempts: 0,
                ..Backoff::default()
            },
            t0,
        );
        r.lost(t0);
        for _ in 0..1000 {
            assert_ne!(r.attempt_failed(t0), LinkState::GaveUp);
        }
    }
}
