//! The running push as the window sees it: its controls, its preview slot, its reports, and how
//! it ended. The window borrows a [`Pipeline`] (rather than owning the [`Push`]) so that whoever
//! called [`crate::run`] still holds the push if the window never opens, and can stop and drain
//! it.

use lantern_engine::push::{Controls, Preview, PreviewSlot, Push, Report, take_preview};

use crate::Ended;

/// How the pipeline ended, for the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndSummary {
    /// It ended without an error.
    pub ok: bool,
    /// One line: `done`, or the error.
    pub message: String,
}

/// Where the push is.
#[derive(Debug)]
enum State {
    Running(Box<Push>),
    Ended(Box<Ended>, EndSummary),
}

/// A push under the monitor's watch.
#[derive(Debug)]
pub struct Pipeline {
    state: State,
    controls: Controls,
    preview: Option<PreviewSlot>,
    opened: bool,
}

impl Pipeline {
    pub fn new(push: Push) -> Self {
        Self {
            controls: push.controls(),
            preview: push.preview(),
            state: State::Running(Box::new(push)),
            opened: false,
        }
    }

    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    pub(crate) fn preview_slot(&self) -> Option<&PreviewSlot> {
        self.preview.as_ref()
    }

    /// The newest outgoing frame, if one arrived since the last call.
    pub fn take_preview(&self) -> Option<Preview> {
        self.preview.as_ref().and_then(take_preview)
    }

    /// The figures since the last report; `None` once the pipeline has ended.
    pub fn report(&mut self) -> Option<Report> {
        match &mut self.state {
            State::Running(push) => Some(push.report()),
            State::Ended(..) => None,
        }
    }

    /// The last report, once the pipeline has ended.
    pub fn last_report(&self) -> Option<&Report> {
        match &self.state {
            State::Running(_) => None,
            State::Ended(ended, _) => Some(&ended.last),
        }
    }

    /// Asks the pipeline to drain and close the stream.
    pub fn stop(&self) {
        self.controls.stop();
    }

    pub fn is_stopping(&self) -> bool {
        self.controls.is_stopping()
    }

    /// Records that the window showed a frame (so a later window error is not "could not open").
    pub(crate) fn mark_opened(&mut self) {
        self.opened = true;
    }

    pub(crate) fn opened(&self) -> bool {
        self.opened
    }

    /// Once every stage has ended: collects the result (without blocking) and says how it ended.
    /// `None` while it still runs.
    pub fn poll_end(&mut self) -> Option<&EndSummary> {
        if let State::Running(push) = &mut self.state
            && push.is_finished()
        {
            let last = push.report();
            // Stands in for the moment the push is moved out to be waited for.
            let interim = State::Ended(
                Box::new(Ended {
                    last: last.clone(),
                    result: Ok(()),
                }),
                EndSummary {
                    ok: true,
                    message: String::new(),
                },
            );
            if let State::Running(push) = std::mem::replace(&mut self.state, interim) {
                let (ended, summary) = end(*push, last);
                self.state = State::Ended(Box::new(ended), summary);
            }
        }
        match &self.state {
            State::Running(_) => None,
            State::Ended(_, summary) => Some(summary),
        }
    }

    /// Stops the pipeline if it still runs, waits for it to drain, and returns how it ended.
    pub fn finish(self) -> Ended {
        self.stop();
        match self.state {
            State::Running(mut push) => {
                // Drain first, so the last report counts the frames sent while stopping.
                while !push.wait_timeout(std::time::Duration::from_millis(200)) {}
                let last = push.report();
                end(*push, last).0
            }
            State::Ended(ended, _) => *ended,
        }
    }
}

/// Waits for `push` (whose last report is `last`) and says how it ended.
fn end(push: Push, last: Report) -> (Ended, EndSummary) {
    let result = push.wait();
    let summary = match &result {
        Ok(()) => EndSummary {
            ok: true,
            message: format!("done: {} frames sent", last.frames_sent),
        },
        Err(e) => EndSummary {
            ok: false,
            message: e.to_string(),
        },
    };
    (Ended { last, result }, summary)
}
