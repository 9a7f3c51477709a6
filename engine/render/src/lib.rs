//! Lantern's compositor on wgpu: headless first (offscreen target + readback), a surface later.
//!
//! Filled in by the rendering issue; see ARCHITECTURE.md for where it sits in a frame.
