//! The effect format, version 1: what `effect.json` can say.
//!
//! An [`Effect`] is metadata, a list of [`Asset`]s (files in the package, each with an id), a list
//! of [`Layer`]s drawn bottom to top (each references assets by id), and [`Trigger`]s that run
//! [`Action`]s on layers when a gesture, face event, timer, tap or host command fires.
//!
//! Everything is `camelCase` JSON; unknown fields are refused so typos surface at validation
//! time. The engine never reads this file directly: [`crate::package`] opens a package,
//! [`crate::migrate`] brings older versions up to [`FORMAT_VERSION`], [`crate::validate`] checks
//! every reference, and [`crate::capability`] derives what the trackers must provide.

mod animation;
mod asset;
mod audio;
mod effect;
mod layer;
mod placement;
mod trigger;

pub use animation::*;
pub use asset::*;
pub use audio::*;
pub use effect::*;
pub use layer::*;
pub(crate) use placement::placement_center;
pub use placement::*;
pub use trigger::*;
