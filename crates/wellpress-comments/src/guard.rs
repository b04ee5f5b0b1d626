//! What the receiver remembers between requests, in memory: when each
//! visitor address last had a comment stored (WordPress's flood control)
//! and how many times it posted in the last hour (the rate limit). Both
//! forget old entries, so memory stays bounded by the traffic of an hour.

use std::{
    collections::{HashMap, VecDeque},
    net::IpAddr,
    time::{Duration, Instant},
};

const HOUR: Duration = Duration::from_secs(3600);

/// Why a post must wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// A comment from this address was stored moments ago.
    Flood(Duration),
    /// Too many posts from this address this hour.
    Rate(Duration),
}

impl Wait {
    /// Whole seconds to wait, at least 1.
    pub fn seconds(self) -> u32 {
        let (Wait::Flood(d) | Wait::Rate(d)) = self;
        (d.as_secs_f64().ceil() as u32).max(1)
    }
}

/// The in-memory limits.
#[derive(Debug, Default)]
pub struct Guard {
    stored: HashMap<IpAddr, Instant>,
    posts: HashMap<IpAddr, VecDeque<Instant>>,
    since_sweep: usize,
}

impl Guard {
    /// Counts a post from `client`, and says whether it must wait: more
    /// than `per_hour` posts in the last hour, or a comment stored less
    /// than `flood` ago.
    pub fn admit(
        &mut self,
        client: IpAddr,
        now: Instant,
        flood: Duration,
        per_hour: u32,
    ) -> Result<(), Wait> {
        self.sweep(now, flood);
        let posts = self.posts.entry(client).or_default();
        while posts
            .front()
            .is_some_and(|&t| now.duration_since(t) >= HOUR)
        {
            posts.pop_front();
        }
        if posts.len() >= per_hour as usize {
            let oldest = posts.front().copied().unwrap_or(now);
            return Err(Wait::Rate(HOUR.saturating_sub(now.duration_since(oldest))));
        }
        posts.push_back(now);
        if let Some(&last) = self.stored.get(&client) {
            let since = now.duration_since(last);
            if since < flood {
                return Err(Wait::Flood(flood - since));
            }
        }
        Ok(())
    }

    /// Notes that a comment from `client` was stored.
    pub fn stored(&mut self, client: IpAddr, now: Instant) {
        self.stored.insert(client, now);
    }

    /// Forgets what no longer counts, once every thousand posts.
    fn sweep(&mut self, now: Instant, flood: Duration) {
        self.since_sweep += 1;
        if self.since_sweep < 1000 {
            return;
        }
        self.since_sweep = 0;
        self.stored
            .retain(|_, &mut t| now.duration_since(t) < flood);
        self.posts
            .retain(|_, posts| posts.back().is_some_and(|&t| now.duration_since(t) < HOUR));
    }

    /// Addresses remembered (for tests of the bound).
    pub fn remembered(&self) -> usize {
        self.posts.len().max(self.stored.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLOOD: Duration = Duration::from_secs(15);

    #[test]
    fn one_comment_per_address_per_flood_window() {
        let mut guard = Guard::default();
        let (ann, bo): (IpAddr, IpAddr) =
            ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let start = Instant::now();
        assert_eq!(guard.admit(ann, start, FLOOD, 30), Ok(()));
        guard.stored(ann, start);
        let soon = start + Duration::from_secs(4);
        let wait = guard.admit(ann, soon, FLOOD, 30).unwrap_err();
        assert_eq!(
            (wait, wait.seconds()),
            (Wait::Flood(Duration::from_secs(11)), 11)
        );
        assert_eq!(guard.admit(bo, soon, FLOOD, 30), Ok(()), "another address");
        assert_eq!(guard.admit(ann, start + FLOOD, FLOOD, 30), Ok(()));
    }

    #[test]
    fn the_hourly_limit_says_when_a_post_is_welcome_again() {
        let mut guard = Guard::default();
        let ann: IpAddr = "2001:db8::1".parse().unwrap();
        let start = Instant::now();
        for minute in 0..3 {
            assert_eq!(
                guard.admit(ann, start + Duration::from_secs(60 * minute), FLOOD, 3),
                Ok(())
            );
        }
        let wait = guard
            .admit(ann, start + Duration::from_secs(600), FLOOD, 3)
            .unwrap_err();
        assert_eq!(wait.seconds(), 3000);
        assert_eq!(guard.admit(ann, start + HOUR, FLOOD, 3), Ok(()));
    }

    #[test]
    fn memory_is_bounded_by_an_hour_of_traffic() {
        let mut guard = Guard::default();
        let start = Instant::now();
        for i in 0..5000u32 {
            let client = IpAddr::from(i.to_be_bytes());
            let _ = guard.admit(client, start + Duration::from_secs(u64::from(i)), FLOOD, 30);
        }
        // Posts more than an hour old are forgotten.
        assert!(guard.remembered() <= 3600 + 1000, "{}", guard.remembered());
    }
}
