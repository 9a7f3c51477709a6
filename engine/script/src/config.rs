//! Limits and settings of one script runtime.

use std::time::Duration;

/// Sandbox limits and the random seed. The defaults suit a 30 fps live effect.
#[derive(Clone, Debug)]
pub struct ScriptConfig {
    /// CPU time a script may use per frame (all its handlers together). A script that runs
    /// longer is interrupted and paused.
    pub frame_budget: Duration,
    /// CPU time for loading the modules and running their top-level code.
    pub load_budget: Duration,
    /// Heap limit of the QuickJS runtime in bytes.
    pub memory_limit: usize,
    /// Stack limit of the QuickJS runtime in bytes (deep recursion raises a `RangeError`).
    pub max_stack: usize,
    /// Seed of `lantern.random()` / `Math.random()` (usually from the package).
    pub seed: u64,
    /// How many log lines are kept for [`crate::ScriptRuntime::drain_logs`]; older lines are dropped.
    pub log_capacity: usize,
    /// Longest log message kept, in bytes; longer ones are cut.
    pub max_log_message: usize,
    /// Most scene commands one frame may record.
    pub max_commands_per_frame: usize,
    /// Most sprites a script may have alive at once.
    pub max_sprites: usize,
}

impl Default for ScriptConfig {
    fn default() -> Self {
        Self {
            frame_budget: Duration::from_millis(8),
            load_budget: Duration::from_millis(200),
            memory_limit: 64 * 1024 * 1024,
            max_stack: 512 * 1024,
            seed: 0,
            log_capacity: 1000,
            max_log_message: 4096,
            max_commands_per_frame: 100_000,
            max_sprites: 10_000,
        }
    }
}
