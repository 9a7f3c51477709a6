//! What the effect did while live, for whoever watches from outside (the control API): the
//! triggers that fired, the script's console lines and effect switches, in order. A bounded queue: when nobody
//! takes them, the oldest go, so an unwatched push never grows memory.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

use super::control::Switched;

/// Notices kept at most.
const CAPACITY: usize = 256;

/// One thing the effect did.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// Another effect went on air (whoever asked for it).
    Switched(Switched),
    /// A trigger fired on frame `frame`.
    Fired { frame: u64, trigger: String },
    /// A line of the script's console (`error`, `warn`, `info`, `debug`).
    Console {
        frame: u64,
        level: &'static str,
        message: String,
        location: Option<String>,
    },
}

/// The queue the render stage fills.
#[derive(Debug, Default)]
pub struct Notices(Mutex<VecDeque<Notice>>);

impl Notices {
    pub(crate) fn push(&self, notice: Notice) {
        let mut q = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if q.len() == CAPACITY {
            q.pop_front();
        }
        q.push_back(notice);
    }

    /// Everything since the last call, oldest first.
    pub fn take(&self) -> Vec<Notice> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain(..)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_go_when_nobody_takes_them() {
        let n = Notices::default();
        for frame in 0..(CAPACITY as u64 + 10) {
            n.push(Notice::Fired {
                frame,
                trigger: "t".into(),
            });
        }
        let taken = n.take();
        assert_eq!(taken.len(), CAPACITY);
        assert_eq!(
            taken[0],
            Notice::Fired {
                frame: 10,
                trigger: "t".into()
            }
        );
        assert!(n.take().is_empty());
    }
}
