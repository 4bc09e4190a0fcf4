//! Live response-time figures: each service's mean read time Rᵢ and write time Wᵢ, and the
//! app's mean response time T̄ = 1/n Σ (Rᵢ + Wᵢ) over the cart and order services.
//!
//! Wᵢ is the time from dispatching a command of service i until the log has committed it (its
//! share of a group commit included). Rᵢ is the time to fold the accepted events into the read
//! models service i owns, which is what a view waits for before it can render.

use crate::domain::Service;
use std::collections::{BTreeMap, VecDeque};

/// The services the response-time model averages over.
pub const MODELLED: [Service; 2] = [Service::Cart, Service::Order];

/// How many recent command latencies the chart keeps.
pub const RECENT_LATENCIES: usize = 60;

/// A running mean that never stores its samples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mean {
    count: u64,
    total: f64,
}

impl Mean {
    /// Adds one sample.
    pub fn add(&mut self, value: f64) {
        self.count += 1;
        self.total += value;
    }
    /// The mean so far, if there is a sample.
    pub fn value(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total / self.count as f64)
    }
    /// How many samples.
    pub fn count(&self) -> u64 {
        self.count
    }
}

/// One service's read and write times.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ServiceTimes {
    pub read: Mean,
    pub write: Mean,
}

/// One command's latency, for the chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Latency {
    pub service: Service,
    pub ms: f64,
}

/// Everything the metrics page shows that is measured rather than counted from the log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    services: BTreeMap<Service, ServiceTimes>,
    recent: VecDeque<Latency>,
    rejected: u64,
    not_saved: u64,
    transactions: u64,
    committed: u64,
}

impl Metrics {
    /// Records the write time of one accepted command.
    pub fn record_write(&mut self, service: Service, ms: f64) {
        self.services.entry(service).or_default().write.add(ms);
        self.recent.push_back(Latency { service, ms });
        if self.recent.len() > RECENT_LATENCIES {
            self.recent.pop_front();
        }
    }

    /// Records the time one batch took to fold into a service's read models.
    pub fn record_read(&mut self, service: Service, ms: f64) {
        self.services.entry(service).or_default().read.add(ms);
    }

    /// Counts one append transaction and the commands it committed (group commit).
    pub fn record_transaction(&mut self, commands: usize) {
        self.transactions += 1;
        self.committed += commands as u64;
    }

    /// Commands this tab committed this session (reactions included).
    pub fn committed(&self) -> u64 {
        self.committed
    }

    /// Commands committed per append transaction so far.
    pub fn commands_per_transaction(&self) -> Option<f64> {
        (self.transactions > 0).then(|| self.committed as f64 / self.transactions as f64)
    }

    /// Counts a command a rule refused.
    pub fn record_rejected(&mut self) {
        self.rejected += 1;
    }

    /// Counts a command storage failed to save.
    pub fn record_not_saved(&mut self) {
        self.not_saved += 1;
    }

    /// One service's times.
    pub fn times(&self, service: Service) -> ServiceTimes {
        self.services.get(&service).copied().unwrap_or_default()
    }

    /// T̄ = 1/n Σ (Rᵢ + Wᵢ) over the modelled services that have both figures.
    pub fn mean_response(&self) -> Option<f64> {
        let sums: Vec<f64> = MODELLED
            .iter()
            .filter_map(|s| {
                let t = self.times(*s);
                Some(t.read.value()? + t.write.value()?)
            })
            .collect();
        (!sums.is_empty()).then(|| sums.iter().sum::<f64>() / sums.len() as f64)
    }

    /// The most recent command latencies, oldest first.
    pub fn recent(&self) -> impl Iterator<Item = &Latency> {
        self.recent.iter()
    }

    /// Commands refused by a rule this session.
    pub fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Commands storage failed to save this session.
    pub fn not_saved(&self) -> u64 {
        self.not_saved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_response_averages_read_plus_write_over_the_modelled_services() {
        let mut metrics = Metrics::default();
        assert_eq!(metrics.mean_response(), None);
        metrics.record_write(Service::Cart, 2.0);
        metrics.record_write(Service::Cart, 4.0);
        metrics.record_read(Service::Cart, 1.0);
        assert_eq!(metrics.mean_response(), Some(4.0));
        metrics.record_write(Service::Order, 6.0);
        metrics.record_read(Service::Order, 2.0);
        // (3 + 1 + 6 + 2) / 2
        assert_eq!(metrics.mean_response(), Some(6.0));
        // The users service is not part of the model.
        metrics.record_write(Service::Users, 100.0);
        metrics.record_read(Service::Users, 100.0);
        assert_eq!(metrics.mean_response(), Some(6.0));
    }

    #[test]
    fn the_chart_keeps_only_the_most_recent_latencies() {
        let mut metrics = Metrics::default();
        for i in 0..100 {
            metrics.record_write(Service::Cart, f64::from(i));
        }
        assert_eq!(metrics.recent().count(), RECENT_LATENCIES);
        assert_eq!(metrics.recent().next().map(|l| l.ms), Some(40.0));
    }
}
