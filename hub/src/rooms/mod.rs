//! Live rooms on this hub instance: each room's recent frames from its push, its viewers'
//! sockets, and what the room did since the last tick.
//!
//! ```text
//!  push socket (push.rs) ──frames──► FrameLog (frames.rs) ◄──check── viewer sockets (viewer.rs)
//!        ▲                                                     │ tap → ledger (db/rooms.rs)
//!        └── update ◄── tick every 500 ms ◄── Pending ◄────────┘ like, chat, gift
//!                           └── room message (counts, chat) ──► every viewer (broadcast)
//! ```
//!
//! The ledger is in the database (exactly once, shared by instances); what lives here is what a
//! restart may forget: frames (the push re-sends as it goes), counters since the last tick, and
//! recent chat.

mod frames;
pub mod limits;
mod live;
pub mod push;
pub mod viewer;
pub mod viewer_id;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lantern_library::room::Gift;

pub use self::frames::{FrameLog, Hit, Miss};
pub use self::live::Live;
use self::live::lock;
pub use self::viewer_id::ViewerIds;
use crate::db::Db;

/// How often the room's counts go to the push and its chat to the viewers.
pub const TICK: Duration = Duration::from_millis(500);
/// Every room this instance has open.
#[derive(Clone)]
pub struct Rooms {
    map: Arc<Mutex<HashMap<String, Arc<Live>>>>,
    pub ids: ViewerIds,
    sockets_by_address: Arc<Mutex<HashMap<IpAddr, u32>>>,
    /// Viewer sockets one address may hold.
    pub per_address: u32,
    /// Set when the hub stops: every socket closes.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Rooms {
    pub fn new(ids: ViewerIds, per_address: u32) -> Self {
        Self {
            map: Arc::default(),
            ids,
            sockets_by_address: Arc::default(),
            per_address,
            closing: tokio::sync::watch::channel(false).0,
        }
    }

    /// Closes every room socket (the hub is stopping).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Changes when the hub stops.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// The room `id`, opened from the database the first time.
    pub async fn get(&self, db: &Db, id: &str) -> sqlx::Result<Option<Arc<Live>>> {
        if let Some(live) = lock(&self.map).get(id) {
            return Ok(Some(Arc::clone(live)));
        }
        let Some(row) = db.room(id).await? else {
            return Ok(None);
        };
        let live = Arc::new(Live::new(row));
        Ok(Some(Arc::clone(
            lock(&self.map).entry(id.to_owned()).or_insert(live),
        )))
    }

    /// Counts a socket from `ip`; `false` when the address has its share already.
    pub fn admit(&self, ip: IpAddr) -> bool {
        let mut map = lock(&self.sockets_by_address);
        let n = map.entry(ip).or_insert(0);
        if *n >= self.per_address {
            return false;
        }
        *n += 1;
        true
    }

    pub fn release(&self, ip: IpAddr) {
        let mut map = lock(&self.sockets_by_address);
        if let Some(n) = map.get_mut(&ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&ip);
            }
        }
    }

    /// Every `TICK`: each room's counts to its push, its news to its viewers.
    pub async fn run_ticks(self, db: Db) {
        let mut every = tokio::time::interval(TICK);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            every.tick().await;
            let rooms: Vec<Arc<Live>> = lock(&self.map).values().cloned().collect();
            for live in rooms {
                if let Err(e) = live.tick(&db).await {
                    tracing::warn!("room {}: {e}", live.info.id);
                }
            }
        }
    }
}

/// Gifts a room has unless it names its own.
pub fn default_gifts() -> Vec<Gift> {
    [
        ("heart", "Heart", 1),
        ("flower", "Flower", 10),
        ("rocket", "Rocket", 500),
    ]
    .into_iter()
    .map(|(id, name, price)| Gift {
        id: id.to_owned(),
        name: name.to_owned(),
        price,
    })
    .collect()
}
