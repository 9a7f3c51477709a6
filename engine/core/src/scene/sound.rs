//! Sounds the effect starts and stops: trigger actions (`playSound`, `stopSound`) and scripts
//! (`lantern.audio.play`, `stop`) leave [`SoundCue`]s in the step's report, tagged with the frame
//! they belong to; whoever turns the effect into sound (the push, an MP4 render, the Studio)
//! mixes them on the same clock as the frames.

/// A sound started or stopped on a frame.
#[derive(Clone, Debug, PartialEq)]
pub enum SoundCue {
    /// Start `sound` (an `audio` asset id) from its beginning; a sound already playing restarts.
    Play {
        sound: String,
        /// 0..1.
        volume: f32,
        looping: bool,
    },
    /// Stop `sound` if it plays.
    Stop { sound: String },
}
