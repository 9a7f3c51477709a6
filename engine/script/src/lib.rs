//! Sandboxed gameplay scripts on QuickJS.
//!
//! Filled in by the scripting issue; see ARCHITECTURE.md for where it sits in a frame.
