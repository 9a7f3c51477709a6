//! Tracking tapes: a `.jsonl` file with one [`TrackingFrame`] per line, as `lantern track --json`
//! prints them. Replaying a tape makes renders and game tests reproducible without the models.

use std::io::{BufRead, Write};
use std::path::Path;

use effect_schema::tracking::TrackingFrame;

use crate::error::{EngineError, Result};

/// A whole tape in memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tape {
    pub frames: Vec<TrackingFrame>,
}

impl Tape {
    /// Reads a tape; blank lines and lines starting with `#` are skipped.
    pub fn read(path: &Path) -> Result<Self> {
        let io = |source| EngineError::Io {
            path: path.display().to_string(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        Self::parse(std::io::BufReader::new(file), &path.display().to_string())
    }

    /// Parses a tape from a reader; `name` is used in messages.
    pub fn parse(reader: impl BufRead, name: &str) -> Result<Self> {
        let mut frames = Vec::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|source| EngineError::Io {
                path: name.to_owned(),
                source,
            })?;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let frame = serde_json::from_str(line).map_err(|e| EngineError::Tape {
                path: name.to_owned(),
                line: i + 1,
                message: e.to_string(),
            })?;
            frames.push(frame);
        }
        Ok(Self { frames })
    }

    /// Writes the tape, one frame per line.
    pub fn write(&self, mut out: impl Write) -> std::io::Result<()> {
        for frame in &self.frames {
            serde_json::to_writer(&mut out, frame)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// The frame to use for output frame `index`: the tape's frame with that index if there is
    /// one, else the `index`-th line, holding the last frame once the tape runs out (a tape of
    /// one still frame tracks a whole render).
    pub fn at(&self, index: u64) -> Option<&TrackingFrame> {
        self.frames
            .iter()
            .find(|f| f.frame == index)
            .or_else(|| self.frames.get(index as usize))
            .or_else(|| self.frames.last())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors_name_the_line() {
        let tape = Tape {
            frames: vec![
                TrackingFrame {
                    frame: 0,
                    width: 640,
                    height: 480,
                    ..TrackingFrame::default()
                },
                TrackingFrame {
                    frame: 1,
                    width: 640,
                    height: 480,
                    ..TrackingFrame::default()
                },
            ],
        };
        let mut bytes = Vec::new();
        tape.write(&mut bytes).unwrap();
        let back = Tape::parse(bytes.as_slice(), "t.jsonl").unwrap();
        assert_eq!(back, tape);
        assert_eq!(back.at(7).unwrap().frame, 1);
        let err = Tape::parse("# c\n{}\n{\"frame\":".as_bytes(), "t.jsonl").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("t.jsonl:2:"), "{msg}");
    }
}
