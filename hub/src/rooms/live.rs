//! One room's live state on this instance: its push runs' frames, who is connected, what
//! happened since the last tick (for the push and for the viewers), recent chat.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use lantern_library::room::{CaughtZone, ChatLine, Gift, HubToViewer, RoomInfo, RoomUpdate};
use tokio::sync::{broadcast, mpsc};

use super::{FrameLog, Hit, Miss};
use crate::db::{Db, RoomRow};

/// Chat lines a newly joined viewer sees.
const RECENT_CHAT: usize = 50;
/// Caught zones reported to the push per update.
const MAX_CAUGHT: usize = 100;
/// How long an accepted chat line or gift is remembered against re-sends, and how many.
const REMEMBER: Duration = Duration::from_mins(1);
const MAX_REMEMBERED: usize = 20_000;

/// One room's live state.
pub struct Live {
    pub info: RoomRow,
    /// The current push run's frames, and the one before (its viewers may still be behind).
    logs: Mutex<(Option<FrameLog>, Option<FrameLog>)>,
    /// Where updates for the connected push go, and which connection that is.
    push: Mutex<Option<(u64, mpsc::Sender<RoomUpdate>)>>,
    /// Chat keywords the effect listens for.
    keywords: Mutex<Vec<String>>,
    viewers: AtomicU32,
    likes_total: AtomicU64,
    pending: Mutex<Pending>,
    recent_chat: Mutex<VecDeque<ChatLine>>,
    /// Chat lines and gifts accepted lately, by (viewer, seq): a client re-sends what was not
    /// answered after a reconnect, and a re-sent gift must not count twice.
    accepted: Mutex<HashMap<(String, u64), (String, Instant)>>,
    /// The room message for every viewer, serialized once.
    pub to_viewers: broadcast::Sender<Arc<str>>,
}

/// What happened since the last tick.
#[derive(Default)]
struct Pending {
    update: RoomUpdate,
    chat: Vec<ChatLine>,
    changed: bool,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Live {
    pub(super) fn new(info: RoomRow) -> Self {
        let likes = info.likes_total.max(0) as u64;
        Self {
            info,
            logs: Mutex::default(),
            push: Mutex::default(),
            keywords: Mutex::default(),
            viewers: AtomicU32::new(0),
            likes_total: AtomicU64::new(likes),
            pending: Mutex::default(),
            recent_chat: Mutex::default(),
            accepted: Mutex::default(),
            to_viewers: broadcast::channel(16).0,
        }
    }

    pub fn info(&self) -> RoomInfo {
        RoomInfo {
            id: self.info.id.clone(),
            name: self.info.name.clone(),
            gifts: self.info.gifts.clone(),
            hls: self.info.hls.clone(),
            live: lock(&self.push).is_some(),
            viewers: self.viewers.load(Ordering::Relaxed),
            likes_total: self.likes_total.load(Ordering::Relaxed),
        }
    }

    pub fn gift(&self, id: &str) -> Option<&Gift> {
        self.info.gifts.iter().find(|g| g.id == id)
    }

    /// Checks a tap against the current push run, then the one before.
    pub fn check_tap(&self, zone: &str, pts: i64, x: f32, y: f32) -> Result<Hit, Miss> {
        let logs = lock(&self.logs);
        let current = logs.0.as_ref().map(|l| l.check(zone, pts, x, y));
        match (current, logs.1.as_ref()) {
            (Some(Ok(hit)), _) => Ok(hit),
            (Some(Err(miss)), Some(before)) => before.check(zone, pts, x, y).map_err(|_| miss),
            (Some(Err(miss)), None) => Err(miss),
            (None, _) => Err("The stream is not live."),
        }
    }

    /// Whether viewer `viewer`'s message `seq` with content `what` is new (not a re-send of
    /// one accepted in the last minute); remembers it.
    pub fn first_time(&self, viewer: &str, seq: u64, what: &str) -> bool {
        let mut accepted = lock(&self.accepted);
        let now = Instant::now();
        if accepted.len() > MAX_REMEMBERED {
            accepted.retain(|_, (_, at)| now.duration_since(*at) < REMEMBER);
        }
        let key = (viewer.to_owned(), seq);
        match accepted.get(&key) {
            Some((seen, at)) if seen == what && now.duration_since(*at) < REMEMBER => false,
            _ => {
                accepted.insert(key, (what.to_owned(), now));
                true
            }
        }
    }

    pub fn recent_chat(&self) -> Vec<ChatLine> {
        lock(&self.recent_chat).iter().cloned().collect()
    }

    pub fn viewer_joined(&self) {
        self.viewers.fetch_add(1, Ordering::Relaxed);
        lock(&self.pending).changed = true;
    }

    pub fn viewer_left(&self) {
        self.viewers.fetch_sub(1, Ordering::Relaxed);
        lock(&self.pending).changed = true;
    }

    pub fn like(&self, count: u32) {
        let mut p = lock(&self.pending);
        p.update.likes += u64::from(count);
        p.changed = true;
    }

    /// A checked tap (`paid`: an award was paid for it now).
    pub fn tapped(&self, hit: &Hit, nick: &str, paid: bool) {
        let mut p = lock(&self.pending);
        *p.update.taps.entry(hit.zone.kind.to_string()).or_default() += 1;
        if paid {
            p.update.awards += 1;
            if p.update.caught.len() < MAX_CAUGHT {
                p.update.caught.push(CaughtZone {
                    zone: hit.zone.id.to_string(),
                    kind: hit.zone.kind.to_string(),
                    nick: nick.to_owned(),
                });
            }
        }
    }

    /// A chat line (a gift's announcement when `gift`), counted against the effect's keywords.
    pub fn chat(&self, line: ChatLine) {
        let keywords = lock(&self.keywords).clone();
        let mut p = lock(&self.pending);
        for k in keywords.iter().filter(|k| line.text.contains(k.as_str())) {
            *p.update.chat.entry(k.clone()).or_default() += 1;
        }
        if let Some(gift) = &line.gift {
            *p.update.gifts.entry(gift.clone()).or_default() += 1;
        }
        p.chat.push(line);
        p.changed = true;
    }

    pub(super) async fn tick(&self, db: &Db) -> sqlx::Result<()> {
        let Pending {
            mut update,
            chat,
            changed,
        } = std::mem::take(&mut *lock(&self.pending));
        if !changed && update.is_quiet() {
            return Ok(());
        }
        if update.likes > 0 {
            let total = db.add_likes(&self.info.id, update.likes as i64).await?;
            self.likes_total
                .store(total.max(0) as u64, Ordering::Relaxed);
        }
        update.likes_total = self.likes_total.load(Ordering::Relaxed);
        update.viewers = self.viewers.load(Ordering::Relaxed);
        if !update.is_quiet()
            && let Some((_, tx)) = lock(&self.push).as_ref()
            && tx.try_send(update.clone()).is_err()
        {
            tracing::debug!("room {}: the push is slow; an update dropped", self.info.id);
        }
        {
            let mut recent = lock(&self.recent_chat);
            recent.extend(chat.iter().cloned());
            while recent.len() > RECENT_CHAT {
                recent.pop_front();
            }
        }
        let message = HubToViewer::Room {
            viewers: update.viewers,
            likes_total: update.likes_total,
            live: lock(&self.push).is_some(),
            chat,
        };
        if let Ok(text) = serde_json::to_string(&message) {
            // No viewer listening is fine.
            let _ = self.to_viewers.send(text.into());
        }
        Ok(())
    }

    /// A push connected (connection `conn`): its run's frames go in a fresh log unless it is the
    /// run already logged (a reconnect).
    pub(super) fn push_connected(
        &self,
        conn: u64,
        session: String,
        fps: u32,
        keywords: Vec<String>,
        tx: mpsc::Sender<RoomUpdate>,
    ) {
        {
            let mut logs = lock(&self.logs);
            if logs.0.as_ref().is_none_or(|l| l.session != session) {
                let before = logs.0.take();
                *logs = (Some(FrameLog::new(session, fps)), before);
            }
        }
        self.set_keywords(keywords);
        *lock(&self.push) = Some((conn, tx));
        lock(&self.pending).changed = true;
    }

    pub(super) fn set_keywords(&self, keywords: Vec<String>) {
        *lock(&self.keywords) = keywords;
    }

    pub(super) fn push_frames(
        &self,
        session: &str,
        frames: Vec<effect_schema::hotzone::SeiPayload>,
    ) {
        let mut logs = lock(&self.logs);
        if let Some(log) = logs.0.as_mut().filter(|l| l.session == session) {
            log.push(frames);
        }
    }

    /// The push's connection `conn` ended (a newer one may have replaced it already).
    pub(super) fn push_gone(&self, conn: u64) {
        let mut push = lock(&self.push);
        if push.as_ref().is_some_and(|(c, _)| *c == conn) {
            *push = None;
            lock(&self.pending).changed = true;
        }
    }
}
