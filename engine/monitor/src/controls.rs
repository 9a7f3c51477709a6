//! Host controls: run or pause the effect's gameplay script, fire a host command (a name and
//! JSON args) into the script, show the tracking overlay, stop the push. (A click on a hot-zone
//! in the picture taps it: [`crate::frame_view`].) Everything goes through
//! the pipeline's [`Controls`]; bad input (an empty name, args that are not JSON) becomes an
//! inline message, never a panic.

use eframe::egui::{self, Color32, RichText};
use lantern_engine::push::{Control, Controls};
use lantern_engine::schema::hotzone::HotZone;
use lantern_engine::script::HostEvent;

/// Labels the tests (and screen readers) find the widgets by.
pub mod label {
    pub const GAMEPLAY: &str = "Gameplay running";
    pub const TRACKING: &str = "Tracking overlay";
    pub const COMMAND: &str = "Command";
    pub const ARGS: &str = "Args (JSON)";
    pub const SEND: &str = "Send";
    pub const STOP: &str = "Stop";
}

/// The outcome of the last thing the host did, shown under the controls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Ok(String),
    Error(String),
}

/// What the host typed and chose.
#[derive(Debug)]
pub struct HostControls {
    pub gameplay: bool,
    pub show_tracking: bool,
    pub command: String,
    pub args: String,
    pub status: Option<Status>,
}

impl HostControls {
    pub fn new(gameplay: bool) -> Self {
        Self {
            gameplay,
            show_tracking: false,
            command: String::new(),
            args: String::new(),
            status: None,
        }
    }

    /// Draws the controls; `live` is false once the push is stopping or has ended (the controls
    /// are then shown disabled). True when Stop was clicked (the app stops the push).
    pub fn show(&mut self, ui: &mut egui::Ui, controls: &Controls, live: bool) -> bool {
        ui.heading("Host controls");
        ui.add_enabled_ui(live, |ui| {
            if ui.checkbox(&mut self.gameplay, label::GAMEPLAY).changed() {
                self.status = Some(if controls.send(Control::Gameplay(self.gameplay)) {
                    Status::Ok(format!(
                        "gameplay {}",
                        if self.gameplay { "on" } else { "paused" }
                    ))
                } else {
                    Status::Error("not sent: the render stage is busy or stopped".to_owned())
                });
            }
        });
        ui.checkbox(&mut self.show_tracking, label::TRACKING);
        ui.separator();
        ui.add_enabled_ui(live, |ui| {
            egui::Grid::new("command-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    let l = ui.label(label::COMMAND);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.command)
                            .hint_text("restart")
                            .desired_width(180.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(label::ARGS);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.args)
                            .hint_text("{}")
                            .code_editor()
                            .desired_width(180.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                });
            if ui.button(label::SEND).clicked() {
                self.status = Some(self.send(controls));
            }
        });
        if let Some(status) = &self.status {
            show_status(ui, status);
        }
        ui.separator();
        ui.add_enabled_ui(live, |ui| {
            let stop = egui::Button::new(RichText::new(label::STOP).strong())
                .fill(Color32::from_rgb(150, 30, 30));
            ui.add(stop).clicked()
        })
        .inner
    }

    /// Taps `zone` as a viewer's tap would (its id and payload go to the effect's `tap` triggers
    /// and script).
    pub fn tap(&mut self, controls: &Controls, zone: HotZone) {
        let id = zone.id.clone();
        let sent = controls.send(Control::Event(HostEvent::Tap {
            zone_id: zone.id,
            payload: zone.payload,
        }));
        self.status = Some(if sent {
            Status::Ok(format!("tapped {id}"))
        } else {
            Status::Error(format!(
                "{id} not tapped: the render stage is busy or stopped"
            ))
        });
    }

    /// Sends the typed command; what happened, for the status line.
    fn send(&self, controls: &Controls) -> Status {
        let name = self.command.trim();
        if name.is_empty() {
            return Status::Error("give a command name (e.g. restart)".to_owned());
        }
        let args = match parse_args(&self.args) {
            Ok(v) => v,
            Err(e) => return Status::Error(e),
        };
        if controls.command(name, args) {
            Status::Ok(format!("sent {name}"))
        } else {
            Status::Error(format!(
                "{name} not sent: the render stage is busy or stopped"
            ))
        }
    }
}

/// The outcome line: green when it happened, red with the reason when not.
pub fn show_status(ui: &mut egui::Ui, status: &Status) {
    let (text, color) = match status {
        Status::Ok(t) => (t.as_str(), Color32::from_rgb(120, 200, 120)),
        Status::Error(t) => (t.as_str(), Color32::from_rgb(255, 110, 90)),
    };
    ui.label(RichText::new(text).color(color));
}

/// The args field as JSON (empty means `{}`); the error says where it broke and the fix.
pub fn parse_args(text: &str) -> Result<serde_json::Value, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    serde_json::from_str(text)
        .map_err(|e| format!("args are not JSON ({e}): write e.g. {{\"n\": 3}}"))
}

#[cfg(test)]
mod tests {
    use super::parse_args;

    #[test]
    fn args_parse_or_explain() {
        assert_eq!(parse_args("  ").unwrap(), serde_json::json!({}));
        assert_eq!(parse_args(r#"{"n": 3}"#).unwrap()["n"], 3);
        let err = parse_args("{n: 3}").unwrap_err();
        assert!(err.contains("not JSON") && err.contains("line 1"), "{err}");
    }
}
