//! The effect library: the packages in one folder (sub-folders with an `effect.json`, and `.zip`
//! files) or the approved packages of a Lantern Hub (`library_hub.rs`), each read with the same hardened reader as `lantern validate`, with its name, what it
//! tracks and a small thumbnail. Scanning runs on its own thread ("lantern-library"), so a folder
//! of large zips never holds up the window; a package that does not open is listed with the
//! reason, and cannot be picked.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};

use lantern_engine::schema::Package;

/// The most packages listed from one folder (the rest are named in a note).
pub const MAX_ENTRIES: usize = 200;
/// Thumbnails are scaled to fit this square (pixels).
pub const THUMBNAIL_SIZE: u32 = 96;

/// A small RGBA picture.
#[derive(Clone, Debug)]
pub struct Thumbnail {
    pub size: [usize; 2],
    pub rgba: Vec<u8>,
}

/// One package of the folder.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Absolute (symbolic links resolved), so it compares with the effect on air.
    pub path: PathBuf,
    /// Its `meta.name`, or the file name when it does not open.
    pub name: String,
    /// What it needs, e.g. `face mesh, hands (heart)`; empty when it does not open.
    pub needs: String,
    pub thumbnail: Option<Thumbnail>,
    /// Why it cannot be played (the reader's message).
    pub error: Option<String>,
}

/// Where the library comes from.
#[derive(Clone, Debug)]
pub enum Source {
    Folder(PathBuf),
    Hub(Box<crate::library_hub::HubSource>),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Folder(dir) => write!(f, "{}", dir.display()),
            Self::Hub(hub) => write!(f, "{}", hub.url),
        }
    }
}

/// What a scan found.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    /// Something to say about the folder as a whole (unreadable, too many packages).
    pub note: Option<String>,
}

/// The candidates in `dir`, sorted by file name: folders holding an `effect.json`, and zips.
fn candidates(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "the library folder {} cannot be read ({e}): give another with --library DIR",
            dir.display()
        )
    })?;
    let mut found: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            if p.is_dir() {
                p.join("effect.json").is_file()
            } else {
                p.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip"))
            }
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Reads every package of `source` (at most [`MAX_ENTRIES`]).
pub fn scan_source(source: &Source) -> Listing {
    match source {
        Source::Folder(dir) => scan(dir),
        Source::Hub(hub) => {
            crate::library_hub::scan(hub, &lantern_library::Cache::default_location())
        }
    }
}

/// Reads every package of `dir` (at most [`MAX_ENTRIES`]).
pub fn scan(dir: &Path) -> Listing {
    let mut paths = match candidates(dir) {
        Ok(p) => p,
        Err(note) => {
            return Listing {
                entries: Vec::new(),
                note: Some(note),
            };
        }
    };
    let mut note = None;
    if paths.len() > MAX_ENTRIES {
        note = Some(format!(
            "{} packages in {}: the first {MAX_ENTRIES} are listed",
            paths.len(),
            dir.display()
        ));
        paths.truncate(MAX_ENTRIES);
    } else if paths.is_empty() {
        note = Some(format!(
            "no packages in {} (folders with an effect.json, or .zip files)",
            dir.display()
        ));
    }
    let entries = paths.into_iter().map(|p| read_entry(&p)).collect();
    Listing { entries, note }
}

pub(crate) fn read_entry(path: &Path) -> Entry {
    let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match Package::open(path) {
        Ok(mut package) => {
            let thumbnail = package
                .effect
                .meta
                .thumbnail
                .clone()
                .and_then(|t| package.read(&t).ok())
                .and_then(|bytes| thumbnail(&bytes));
            Entry {
                path: path.to_owned(),
                name: package.effect.meta.name.clone(),
                needs: package.capabilities().to_string(),
                thumbnail,
                error: None,
            }
        }
        Err(e) => Entry {
            path: path.to_owned(),
            name: file_name,
            needs: String::new(),
            thumbnail: None,
            error: Some(e.to_string()),
        },
    }
}

/// The picture scaled to fit [`THUMBNAIL_SIZE`]; `None` when it does not decode (the package
/// reader has already checked its header).
fn thumbnail(bytes: &[u8]) -> Option<Thumbnail> {
    let image = image::load_from_memory(bytes).ok()?;
    let small = image.thumbnail(THUMBNAIL_SIZE, THUMBNAIL_SIZE).into_rgba8();
    Some(Thumbnail {
        size: [small.width() as usize, small.height() as usize],
        rgba: small.into_raw(),
    })
}

/// A scan running on its own thread.
#[derive(Debug)]
pub struct Scan {
    rx: Receiver<Listing>,
}

impl Scan {
    /// Starts scanning `source`.
    pub fn start(source: Source) -> Self {
        let (tx, rx) = sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("lantern-library".to_owned())
            .spawn(move || {
                let _ = tx.send(scan_source(&source));
            });
        if let Err(e) = spawned {
            // The receiver sees a closed channel and says so.
            tracing::error!("the library scan did not start: {e}");
        }
        Self { rx }
    }

    /// The listing once it is ready; an error listing when the thread died.
    pub fn poll(&self) -> Option<Listing> {
        match self.rx.try_recv() {
            Ok(listing) => Some(listing),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Listing {
                entries: Vec::new(),
                note: Some("the library scan stopped: press Rescan".to_owned()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_examples_folder_lists_its_packages_with_thumbnails() {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let listing = scan(&examples);
        assert!(listing.note.is_none(), "{:?}", listing.note);
        let names: Vec<&str> = listing.entries.iter().map(|e| e.name.as_str()).collect();
        assert!(names.len() >= 6, "{names:?}");
        for e in &listing.entries {
            assert!(e.error.is_none(), "{}: {:?}", e.path.display(), e.error);
            let t = e.thumbnail.as_ref().expect("every example has a thumbnail");
            assert!(t.size[0] <= 96 && t.size[1] <= 96 && t.size[0].max(t.size[1]) == 96);
            assert_eq!(t.rgba.len(), t.size[0] * t.size[1] * 4);
        }
        // `examples/tools` has no effect.json: not a package, not listed.
        assert!(listing.entries.iter().all(|e| !e.path.ends_with("tools")));
    }

    #[test]
    fn broken_packages_are_listed_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("junk.zip"), b"not a zip").unwrap();
        std::fs::create_dir(dir.path().join("bad")).unwrap();
        std::fs::write(dir.path().join("bad/effect.json"), "{ nope").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a package").unwrap();
        let listing = scan(dir.path());
        let errors: Vec<(&str, &str)> = listing
            .entries
            .iter()
            .map(|e| (e.name.as_str(), e.error.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].0 == "bad" && errors[0].1.contains("effect.json"));
        assert!(errors[1].0 == "junk.zip" && !errors[1].1.is_empty());
        let missing = scan(&dir.path().join("nowhere"));
        assert!(missing.note.unwrap().contains("--library"));
    }
}
