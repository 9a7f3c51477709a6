//! What the Studio's commands do, without a window: the logic behind each IPC command, tested
//! directly (`cargo test -p lantern-studio`).
//!
//! A project is an effect package folder. [`document`] creates, opens and saves `effect.json`
//! (atomically, [`atomic`]); [`recovery`] autosaves unsaved edits beside it and offers them back;
//! [`recent`] keeps the recent-projects list; [`import`] copies files in as assets; [`report`]
//! validates the edited document over the project's files and exports the zip with a budget report;
//! [`script`] creates and saves the effect's script files; [`publish`] uploads the package to a
//! Lantern Hub and follows its review, with what this machine keeps about hubs in [`hub_settings`].

pub mod atomic;
pub mod document;
pub mod hub_settings;
pub mod import;
pub mod publish;
pub mod recent;
pub mod recovery;
pub mod report;
pub mod script;

#[cfg(test)]
pub(crate) mod test_support;
