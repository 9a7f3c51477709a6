//! What the Studio's commands do, without a window: the logic behind each IPC command, tested
//! directly (`cargo test -p lantern-studio`).
//!
//! A project is an effect package folder. [`document`] creates, opens and saves `effect.json`
//! (atomically, [`atomic`]); [`recovery`] autosaves unsaved edits beside it and offers them back;
//! [`recent`] keeps the recent-projects list; [`import`] copies files in as assets; [`report`]
//! validates the edited document over the project's files and exports the zip with a budget report;
//! [`script`] creates and saves the effect's script files.

pub mod atomic;
pub mod document;
pub mod import;
pub mod recent;
pub mod recovery;
pub mod report;
pub mod script;

#[cfg(test)]
pub(crate) mod test_support;
