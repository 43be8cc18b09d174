//! In-flight coalescing in one replica: the first call of a key leads (it calls upstream);
//! calls of the same key that arrive meanwhile follow and get the leader's outcome. A leader
//! that goes away without an outcome (its client hung up) releases its followers, who then
//! call themselves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use super::key::CallKey;
use crate::upstream::UpstreamCall;

type Outcome = Option<Arc<UpstreamCall>>;

/// The calls in flight, by key.
#[derive(Debug, Default)]
pub struct InFlight {
    calls: Mutex<HashMap<CallKey, watch::Receiver<Outcome>>>,
}

/// A call's part in its key's call.
pub enum Role<'a> {
    /// Call upstream, then [`Leader::finish`].
    Leader(Leader<'a>),
    /// Wait for the leader with [`follow`].
    Follower(watch::Receiver<Outcome>),
}

/// The call that goes upstream for its key. Dropping it unfinished releases the followers.
pub struct Leader<'a> {
    in_flight: &'a InFlight,
    key: CallKey,
    sender: watch::Sender<Outcome>,
}

impl InFlight {
    /// Leads `key`'s call, or follows the one in flight.
    pub fn join(&self, key: &CallKey) -> Role<'_> {
        let mut calls = self.lock();
        if let Some(receiver) = calls.get(key) {
            return Role::Follower(receiver.clone());
        }
        let (sender, receiver) = watch::channel(None);
        calls.insert(key.clone(), receiver);
        Role::Leader(Leader {
            in_flight: self,
            key: key.clone(),
            sender,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CallKey, watch::Receiver<Outcome>>> {
        self.calls
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Leader<'_> {
    /// Gives `call` to every follower; later calls of the key start anew.
    pub fn finish(self, call: Arc<UpstreamCall>) {
        self.in_flight.lock().remove(&self.key);
        self.sender.send_replace(Some(call));
    }
}

impl Drop for Leader<'_> {
    fn drop(&mut self) {
        let mut calls = self.in_flight.lock();
        // Only this leader's entry: a finished leader's key may already lead anew.
        if calls
            .get(&self.key)
            .is_some_and(|receiver| receiver.same_channel(&self.sender.subscribe()))
        {
            calls.remove(&self.key);
        }
    }
}

/// The leader's outcome, or `None` when it went away without one.
pub async fn follow(mut receiver: watch::Receiver<Outcome>) -> Option<Arc<UpstreamCall>> {
    let outcome = receiver.wait_for(Option::is_some).await.ok()?;
    outcome.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upstream::UpstreamCall;
    use crate::ProxyError;

    fn key(n: u8) -> CallKey {
        let request = smc_core::DescribeReplicationJobs {
            page_number: Some(i64::from(n)),
            ..Default::default()
        };
        CallKey::new("default", &request)
    }

    fn outcome() -> Arc<UpstreamCall> {
        Arc::new(UpstreamCall {
            retries: 7,
            result: Err(ProxyError::Busy),
        })
    }

    #[tokio::test]
    async fn followers_get_the_leaders_outcome_and_the_next_call_leads_anew() {
        let in_flight = InFlight::default();
        let Role::Leader(leader) = in_flight.join(&key(1)) else {
            panic!("the first call leads");
        };
        let Role::Follower(follower) = in_flight.join(&key(1)) else {
            panic!("the second call follows");
        };
        assert!(matches!(in_flight.join(&key(2)), Role::Leader(_)));
        leader.finish(outcome());
        assert_eq!(follow(follower).await.unwrap().retries, 7);
        assert!(matches!(in_flight.join(&key(1)), Role::Leader(_)));
    }

    #[tokio::test]
    async fn a_leader_gone_without_an_outcome_releases_its_followers() {
        let in_flight = InFlight::default();
        let leader = in_flight.join(&key(1));
        let Role::Follower(follower) = in_flight.join(&key(1)) else {
            panic!("the second call follows");
        };
        drop(leader);
        assert!(follow(follower).await.is_none());
        assert!(matches!(in_flight.join(&key(1)), Role::Leader(_)));
    }
}
