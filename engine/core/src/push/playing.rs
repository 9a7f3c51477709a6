//! Which effect is on air, and switching to another one by its folder or zip.
//!
//! The render stage is the one place that knows: it sets [`Playing`] when it starts and at every
//! swap, whoever asked for it (the monitor's library, a control client, the Studio), and leaves
//! a [`Notice::Switched`](super::Notice::Switched) for outside watchers. Opening and checking a
//! package by path happens on the asking thread, like the warming that follows.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use effect_schema::Package;
use effect_schema::format::{Effect, When};

use super::control::{ControlError, Controls, Switched};

/// The effect on air.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Playing {
    /// Its `meta.name`.
    pub name: String,
    /// The folder or zip it came from (none for the plain camera or a package built in memory).
    pub path: Option<PathBuf>,
    /// The names its command triggers listen for (`gift:rocket`, `likes:100`, …: a live room
    /// reads what the effect hears from them).
    pub commands: Vec<String>,
}

/// The names of `effect`'s command triggers, each once.
pub fn command_names(effect: &Effect) -> Vec<String> {
    let mut names: Vec<String> = effect
        .triggers
        .iter()
        .filter_map(|t| match &t.when {
            When::Command { name } => Some(name.clone()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Where the render stage keeps [`Playing`]; cheap to clone.
#[derive(Clone, Debug, Default)]
pub(crate) struct PlayingSlot(Arc<Mutex<Option<Playing>>>);

impl PlayingSlot {
    pub(crate) fn set(&self, playing: Playing) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(playing);
    }

    pub(crate) fn get(&self) -> Option<Playing> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Controls {
    /// The effect on air (once the render stage has started).
    pub fn playing(&self) -> Option<Playing> {
        self.playing.get()
    }

    /// Opens the package at `path` (a folder or a zip), checks it and its script against the
    /// output size, warms it and waits for the render stage to swap it in; the running effect
    /// goes on when anything fails, and the error names the file and the fix.
    pub fn switch_to(&self, path: &Path) -> Result<Switched, ControlError> {
        if self.is_stopping() {
            return Err(ControlError::Stopped);
        }
        let mut package = Package::open(path).map_err(|e| ControlError::Invalid(e.to_string()))?;
        crate::scene::check_script(&mut package, Some(self.output))
            .map_err(|e| ControlError::Invalid(e.to_string()))?;
        self.switch(package, Some(path.to_owned()))
    }
}
