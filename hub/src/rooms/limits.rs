//! Per-viewer rate limits: a token bucket per kind of message (taps 10/s, likes 20/s, chat one
//! line a second in bursts of 3, gifts 2/s). A message over its limit is refused, not queued.

use std::time::Instant;

/// One bucket: `rate` tokens a second, at most `burst` saved up.
#[derive(Debug)]
pub struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    at: Instant,
}

impl Bucket {
    pub fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            at: Instant::now(),
        }
    }

    /// Takes `n` tokens if there are; `false` when over the limit.
    pub fn take(&mut self, n: f64, now: Instant) -> bool {
        let dt = now.saturating_duration_since(self.at).as_secs_f64();
        self.at = now;
        self.tokens = (self.tokens + dt * self.rate).min(self.burst);
        if self.tokens >= n {
            self.tokens -= n;
            true
        } else {
            false
        }
    }
}

/// A viewer socket's buckets.
#[derive(Debug)]
pub struct ViewerLimits {
    pub taps: Bucket,
    pub likes: Bucket,
    pub chat: Bucket,
    pub gifts: Bucket,
}

impl Default for ViewerLimits {
    fn default() -> Self {
        Self {
            taps: Bucket::new(10.0, 10.0),
            likes: Bucket::new(20.0, 20.0),
            chat: Bucket::new(1.0, 3.0),
            gifts: Bucket::new(2.0, 2.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let mut b = Bucket::new(1.0, 3.0);
        let t = Instant::now();
        assert!((0..3).all(|_| b.take(1.0, t)));
        assert!(!b.take(1.0, t));
        assert!(b.take(1.0, t + Duration::from_secs(1)));
        assert!(!b.take(1.0, t + Duration::from_millis(1100)));
        // Saved up no more than the burst.
        let later = t + Duration::from_secs(100);
        assert!((0..3).all(|_| b.take(1.0, later)));
        assert!(!b.take(1.0, later));
    }
}
