//! The effect's budgets: what it uses against what its `meta.budgets` allow. `lantern pack` and
//! the Studio's report both print these lines.

use super::Package;
use crate::format::{Effect, Layer};

/// What a budget line measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budgeted {
    /// The package written as a zip, bytes.
    PackageBytes,
    /// Decoded texture memory of every image and frame (RGBA8), bytes.
    TextureBytes,
    /// Live particles of all particle layers together, at most.
    Particles,
}

impl Budgeted {
    /// The name in the Studio's report (`packageBytes`).
    pub fn key(self) -> &'static str {
        match self {
            Self::PackageBytes => "packageBytes",
            Self::TextureBytes => "textureBytes",
            Self::Particles => "particles",
        }
    }

    /// The name in `lantern pack`'s table (`package bytes`).
    pub fn label(self) -> &'static str {
        match self {
            Self::PackageBytes => "package bytes",
            Self::TextureBytes => "texture bytes",
            Self::Particles => "particles",
        }
    }
}

/// One budget: used against allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetLine {
    pub what: Budgeted,
    pub used: u64,
    pub limit: u64,
}

impl BudgetLine {
    /// Uses more than the budget allows.
    pub fn over(&self) -> bool {
        self.used > self.limit
    }
}

/// The live particles the effect's particle layers allow together.
pub fn particles(effect: &Effect) -> u64 {
    effect
        .layers
        .iter()
        .map(|l| match l {
            Layer::Particles(p) => u64::from(p.max_particles),
            _ => 0,
        })
        .sum()
}

impl Package {
    /// Every budget line, given the size of the package written as a zip
    /// ([`super::write::write_zip`] returns it, [`super::write::zip_len`] measures it).
    pub fn budget(&self, zip_bytes: u64) -> Vec<BudgetLine> {
        let limits = self.effect.meta.budgets;
        [
            (Budgeted::PackageBytes, zip_bytes, limits.max_package_bytes),
            (
                Budgeted::TextureBytes,
                self.texture_bytes(),
                limits.max_texture_bytes,
            ),
            (
                Budgeted::Particles,
                particles(&self.effect),
                limits.max_particles,
            ),
        ]
        .into_iter()
        .map(|(what, used, limit)| BudgetLine {
            what,
            used,
            limit: u64::from(limit),
        })
        .collect()
    }
}
