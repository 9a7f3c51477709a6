//! The library panel: the packages of the library folder as tiles (thumbnail, name, what they
//! track); a click switches the push to one. The switch (open, check, warm, swap) runs on its own
//! thread ("lantern-monitor-switch") through [`Controls::switch_to`], so the window keeps
//! painting; its answer — the frame the effect went on air, or why not — shows under the tiles.
//! The tile of the effect on air is highlighted, whoever switched to it (a control client too).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};

use eframe::egui::{self, Color32, ColorImage, RichText, TextureHandle, TextureOptions};
use lantern_engine::push::{ControlError, Controls, Switched};

use crate::controls::Status;
use crate::library::{Entry, Listing, Scan, Source};

/// Labels the tests find the widgets by.
pub mod label {
    pub const HEADING: &str = "Effect library";
    pub const RESCAN: &str = "Rescan";
}

/// Thumbnails are drawn this tall (points).
const TILE: f32 = 48.0;

type Answer = Result<Switched, ControlError>;

/// The panel's state.
#[derive(Default)]
pub struct LibraryPanel {
    source: Option<Source>,
    scan: Option<Scan>,
    listing: Option<Listing>,
    textures: HashMap<PathBuf, TextureHandle>,
    /// The switch under way: the effect's name and where its answer arrives.
    switching: Option<(String, Receiver<Answer>)>,
    /// The playing effect's path as the push knows it, and the same made absolute.
    playing: Option<(PathBuf, PathBuf)>,
    pub status: Option<Status>,
}

impl std::fmt::Debug for LibraryPanel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryPanel")
            .field("source", &self.source)
            .field("entries", &self.entries().len())
            .field("switching", &self.switching.as_ref().map(|(n, _)| n))
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl LibraryPanel {
    /// A panel for `source` (scanning starts at once); `None`: no library.
    pub fn new(source: Option<Source>) -> Self {
        let scan = source.clone().map(Scan::start);
        Self {
            source,
            scan,
            ..Self::default()
        }
    }

    pub fn has_library(&self) -> bool {
        self.source.is_some()
    }

    /// The packages listed so far (empty while scanning).
    pub fn entries(&self) -> &[Entry] {
        self.listing.as_ref().map_or(&[], |l| l.entries.as_slice())
    }

    /// A switch is under way.
    pub fn is_switching(&self) -> bool {
        self.switching.is_some()
    }

    /// Draws the panel; `live` is false once the push is stopping or has ended.
    pub fn show(&mut self, ui: &mut egui::Ui, controls: &Controls, live: bool) {
        self.poll(ui.ctx());
        ui.heading(label::HEADING);
        let Some(source) = self.source.clone() else {
            ui.label("Start the push with --library DIR|HUB-URL to switch effects from here.");
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(source.to_string()).small());
            if ui.small_button(label::RESCAN).clicked() && self.scan.is_none() {
                self.scan = Some(Scan::start(source.clone()));
            }
        });
        if self.scan.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("reading the packages…");
            });
        }
        if let Some(note) = self.listing.as_ref().and_then(|l| l.note.clone()) {
            ui.label(RichText::new(note).color(Color32::from_rgb(255, 190, 60)));
        }
        let on_air = self.on_air(controls);
        let enabled = live && self.switching.is_none();
        let mut picked = None;
        for entry in self.entries() {
            if let Some(path) = tile(ui, entry, &self.textures, on_air.as_deref(), enabled) {
                picked = Some((path, entry.name.clone()));
            }
        }
        if let Some((path, name)) = picked {
            self.start_switch(controls, path, name);
        }
        if let Some((name, _)) = &self.switching {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("switching to {name}…"));
            });
        }
        if let Some(status) = &self.status {
            crate::controls::show_status(ui, status);
        }
    }

    /// Takes a finished scan (and makes its thumbnails' textures) and a switch's answer.
    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(listing) = self.scan.as_ref().and_then(Scan::poll) {
            self.scan = None;
            self.textures.clear();
            for e in &listing.entries {
                if let Some(t) = &e.thumbnail {
                    let image = ColorImage::from_rgba_unmultiplied(t.size, &t.rgba);
                    let name = format!("library:{}", e.path.display());
                    let texture = ctx.load_texture(name, image, TextureOptions::LINEAR);
                    self.textures.insert(e.path.clone(), texture);
                }
            }
            self.listing = Some(listing);
        }
        let answer = match self.switching.as_ref().map(|(_, rx)| rx.try_recv()) {
            Some(Ok(answer)) => answer,
            Some(Err(TryRecvError::Disconnected)) => Err(ControlError::Stopped),
            Some(Err(TryRecvError::Empty)) | None => return,
        };
        let name = self.switching.take().map(|(n, _)| n).unwrap_or_default();
        self.status = Some(match answer {
            Ok(s) => Status::Ok(format!(
                "{} on air from frame {} (swap {:.0} ms{})",
                s.name,
                s.frame,
                s.swap_ms,
                if s.models_loaded {
                    ", models loaded"
                } else {
                    ""
                }
            )),
            Err(e) => Status::Error(format!("{name} not switched to: {e}")),
        });
    }

    fn start_switch(&mut self, controls: &Controls, path: PathBuf, name: String) {
        let (tx, rx) = sync_channel(1);
        let controls = controls.clone();
        let spawned = std::thread::Builder::new()
            .name("lantern-monitor-switch".to_owned())
            .spawn(move || {
                let _ = tx.send(controls.switch_to(&path));
            });
        match spawned {
            Ok(_) => {
                tracing::info!("monitor: switching to {name}");
                self.status = None;
                self.switching = Some((name, rx));
            }
            Err(e) => self.status = Some(Status::Error(format!("not switched: {e}"))),
        }
    }

    /// The absolute path of the effect on air (made once per switch, as the entries' are).
    fn on_air(&mut self, controls: &Controls) -> Option<PathBuf> {
        let path = controls.playing().and_then(|p| p.path)?;
        match &self.playing {
            Some((known, absolute)) if *known == path => Some(absolute.clone()),
            _ => {
                let absolute = absolute(&path);
                self.playing = Some((path, absolute.clone()));
                Some(absolute)
            }
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// One package's tile; the package's path when it was clicked.
fn tile(
    ui: &mut egui::Ui,
    entry: &Entry,
    textures: &HashMap<PathBuf, TextureHandle>,
    on_air: Option<&Path>,
    enabled: bool,
) -> Option<PathBuf> {
    let playing = on_air.is_some_and(|p| entry.path == p);
    let text = if playing {
        RichText::new(format!("{} — on air", entry.name)).strong()
    } else {
        RichText::new(&entry.name)
    };
    let button = match textures.get(&entry.path) {
        Some(t) => {
            let size = t.size_vec2() * (TILE / t.size_vec2().y.max(1.0));
            egui::Button::image_and_text(egui::Image::new((t.id(), size)), text)
        }
        None => egui::Button::new(text),
    }
    .selected(playing)
    .min_size(egui::vec2(ui.available_width(), TILE + 8.0));
    let ok = entry.error.is_none();
    let response = ui.add_enabled(enabled && ok && !playing, button);
    let response = match &entry.error {
        Some(e) => response.on_disabled_hover_text(e.as_str()),
        None if !entry.needs.is_empty() => {
            response.on_hover_text(format!("tracks: {}", entry.needs))
        }
        None => response,
    };
    if let Some(e) = &entry.error {
        ui.label(
            RichText::new(first_line(e))
                .small()
                .color(Color32::from_rgb(255, 110, 90)),
        );
    }
    response.clicked().then(|| entry.path.clone())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}
