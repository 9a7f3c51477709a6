//! From an effect's capability manifest to the tracker's configuration: run only what the
//! effect needs (no hand model for a face-only effect), and nothing at all for a plain filter.

use effect_schema::capability::Capabilities;
use lantern_track::TrackerConfig;

/// The tracker configuration for `caps`, or `None` when the effect needs no tracking.
pub fn tracker_config(caps: &Capabilities) -> Option<TrackerConfig> {
    // A script may read any tracking data: give it faces and hands.
    let faces = caps.face || caps.face_mesh || caps.script;
    let hands = caps.hands || !caps.gestures.is_empty() || caps.script;
    if !faces && !hands && !caps.segmentation {
        return None;
    }
    let defaults = TrackerConfig::default();
    Some(TrackerConfig {
        faces,
        // `lantern validate` refuses more than the tracker follows; packages made otherwise
        // get the most it can.
        max_faces: (caps.max_faces as usize).clamp(1, lantern_track::MAX_FACES),
        mesh: caps.face_mesh || caps.script,
        iris: caps.iris,
        hands,
        max_hands: if caps.max_hands == 0 {
            2
        } else {
            caps.max_hands as usize
        },
        // Gestures and boxes read a hand at 15 Hz well; a prop drawn at its landmarks may not.
        hand_every: if caps.hand_anchors { 1 } else { 2 },
        segmentation: caps.segmentation,
        ..defaults
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_effect_needs() {
        assert!(tracker_config(&Capabilities::default()).is_none());
        let face = Capabilities {
            face: true,
            face_mesh: true,
            max_faces: 2,
            ..Capabilities::default()
        };
        let cfg = tracker_config(&face).expect("faces");
        assert!(cfg.faces && cfg.mesh && !cfg.hands && !cfg.iris);
        assert_eq!(cfg.max_faces, 2);
    }

    #[test]
    fn hands_run_at_half_rate_unless_something_follows_them() {
        let gestures = Capabilities {
            hands: true,
            max_hands: 2,
            ..Capabilities::default()
        };
        let every = |caps: &Capabilities| tracker_config(caps).map(|c| c.hand_every);
        assert_eq!(every(&gestures), Some(2));
        let anchored = Capabilities {
            hand_anchors: true,
            ..gestures.clone()
        };
        assert_eq!(every(&anchored), Some(1));
        let scripted = Capabilities {
            script: true,
            ..gestures
        };
        assert_eq!(
            every(&scripted),
            Some(2),
            "a script that reads no landmarks"
        );
    }
}
