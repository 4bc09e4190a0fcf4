//! The write side at run time: decides batches of commands against the write model, appends
//! each batch to the log in one transaction, resolves conflicts by folding the log's tail and
//! deciding again, and reports one outcome per command. It knows the log only through its
//! interface, so the same code runs on IndexedDB and natively on the in-memory log.

use crate::domain::{
    CheckoutProcess, CommandEnvelope, CommandId, DomainError, LoggedCommand, Reaction, Service,
    WriteModel,
};
use crate::log::snapshot::{Snapshot, SNAPSHOT_EVERY, SNAPSHOT_SCHEMA};
use crate::log::{read_all_after, AppendError, Batch, CommandLog, LogError, Quarantined};
use crate::projections::ReadModels;
use std::collections::HashSet;

/// How often one batch is decided again after losing a race to another writer.
pub const MAX_RETRIES: usize = 5;

/// What became of one dispatched command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Committed to the log with these events.
    Accepted(LoggedCommand),
    /// The log already had this command id: the earlier outcome, nothing written.
    Duplicate(LoggedCommand),
    /// A rule refused it; nothing written.
    Rejected(DomainError),
    /// Storage failed; nothing written, and the shopper is told it was not saved.
    NotSaved(AppendError),
}

/// The write side's state in memory, kept equal to the log by folding every accepted record.
pub struct Engine {
    write: WriteModel,
    process: CheckoutProcess,
    last_seq: u64,
    seen_ids: HashSet<CommandId>,
    quarantined: Vec<Quarantined>,
    snapshot_seq: u64,
}

/// What start-up produced: the engine, the read models to put into signals, and what it read.
pub struct Started {
    pub engine: Engine,
    pub read: ReadModels,
    /// Records folded from the log after the snapshots.
    pub tail_len: usize,
    /// Services whose snapshot was used (the others were rebuilt from the start).
    pub from_snapshot: Vec<Service>,
}

impl Engine {
    /// Loads each service from its newest current snapshot, then folds the log's tail into the
    /// services that are behind, reporting `(read, total)` as it goes.
    pub async fn start(
        log: &impl CommandLog,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Started, LogError> {
        let mut write = WriteModel::new();
        let mut read = ReadModels::default();
        let mut process = CheckoutProcess::default();
        let mut at: Vec<(Service, u64)> = Vec::new();
        let mut from_snapshot = Vec::new();
        for service in Service::ALL {
            let seq = match log.load_snapshot(service).await? {
                Some(snapshot) if snapshot.is_current() => {
                    match restore(&mut write, &mut read, &mut process, &snapshot) {
                        Ok(()) => {
                            from_snapshot.push(service);
                            snapshot.seq
                        }
                        Err(_) => 0,
                    }
                }
                _ => 0,
            };
            at.push((service, seq));
        }
        if at.iter().any(|(_, seq)| *seq == 0) {
            // A service rebuilt from scratch must not keep another snapshot's half-state.
            for (service, seq) in at.iter_mut() {
                if *seq == 0 {
                    reset(&mut write, &mut read, &mut process, *service);
                }
            }
        }
        let from = at.iter().map(|(_, seq)| *seq).min().unwrap_or(0);
        let tail = read_all_after(log, from, &mut progress).await?;
        let catalog = write.catalog().clone();
        for logged in &tail.records {
            for (service, seq) in &at {
                if logged.seq > *seq {
                    apply_to(
                        &mut write,
                        &mut read,
                        &mut process,
                        &catalog,
                        *service,
                        logged,
                    );
                }
            }
        }
        let snapshot_seq = at.iter().map(|(_, seq)| *seq).max().unwrap_or(0);
        let tail_len = tail.records.len();
        let mut engine = Engine {
            write,
            process,
            last_seq: tail.last_seq.max(snapshot_seq),
            seen_ids: tail.records.iter().map(|l| l.envelope.id.clone()).collect(),
            quarantined: Vec::new(),
            snapshot_seq,
        };
        read.activity = recent_activity(log, engine.last_seq, &tail).await?;
        log.keep_quarantined(&tail.quarantined).await?;
        engine.quarantined = log.quarantined().await?;
        Ok(Started {
            engine,
            read,
            tail_len,
            from_snapshot,
        })
    }

    /// The write model, for reads that need the services' own view (tests, undo).
    pub fn write_model(&self) -> &WriteModel {
        &self.write
    }

    /// The highest sequence number folded.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// Records that could not be read, in log order.
    pub fn quarantined(&self) -> &[Quarantined] {
        &self.quarantined
    }

    /// Reactions the log still owes (a checkout to turn into an order, and so on).
    pub fn pending_reactions(&self) -> Vec<Reaction> {
        self.process.pending()
    }

    /// Decides the commands in order, appends the accepted ones in one transaction, and
    /// returns one outcome per command plus every record folded along the way (the batch and
    /// any other writer's records it had to catch up on), for the read models.
    pub async fn dispatch(
        &mut self,
        log: &impl CommandLog,
        commands: &[CommandEnvelope],
    ) -> (Vec<Outcome>, Vec<LoggedCommand>) {
        let mut folded = Vec::new();
        let mut outcomes: Vec<Option<Outcome>> = vec![None; commands.len()];
        for _attempt in 0..=MAX_RETRIES {
            let (accepted, decided) = self.decide_batch(commands, &mut outcomes, log).await;
            if accepted.is_empty() {
                return (finish(outcomes), folded);
            }
            match log.append(&accepted).await {
                Ok(()) => {
                    for (index, logged) in decided.into_iter().zip(accepted.iter()) {
                        outcomes[index] = Some(Outcome::Accepted(logged.clone()));
                    }
                    self.fold(&accepted);
                    folded.extend(accepted);
                    return (finish(outcomes), folded);
                }
                Err(AppendError::Conflict) => match self.catch_up(log).await {
                    Ok(tail) if tail.is_empty() => {
                        // Nothing new to fold, so the clash is with a command id older than
                        // what this tab folded (before its snapshot): find the earlier outcomes.
                        self.resolve_old_duplicates(log, commands, &decided, &mut outcomes)
                            .await;
                    }
                    Ok(tail) => folded.extend(tail),
                    Err(error) => {
                        fail(&mut outcomes, &decided, AppendError::Storage(error.0));
                        return (finish(outcomes), folded);
                    }
                },
                Err(error) => {
                    fail(&mut outcomes, &decided, error);
                    return (finish(outcomes), folded);
                }
            }
        }
        let unresolved: Vec<usize> = (0..commands.len())
            .filter(|i| outcomes[*i].is_none())
            .collect();
        fail(&mut outcomes, &unresolved, AppendError::Conflict);
        (finish(outcomes), folded)
    }

    /// A refused command may be a repeat of one accepted before this tab's snapshot, whose id
    /// this tab never folded; only then is the log asked, so the common path stays in memory.
    async fn folded_before_snapshot(
        &self,
        log: &impl CommandLog,
        envelope: &CommandEnvelope,
    ) -> Option<LoggedCommand> {
        if self.snapshot_seq == 0 {
            return None;
        }
        log.find(&envelope.id).await.ok().flatten()
    }

    async fn resolve_old_duplicates(
        &mut self,
        log: &impl CommandLog,
        commands: &[CommandEnvelope],
        decided: &[usize],
        outcomes: &mut [Option<Outcome>],
    ) {
        for &index in decided {
            if let Ok(Some(earlier)) = log.find(&commands[index].id).await {
                self.seen_ids.insert(earlier.envelope.id.clone());
                outcomes[index] = Some(Outcome::Duplicate(earlier));
            }
        }
    }

    /// Decides every command that has no outcome yet, on a scratch copy of the write model once
    /// there is more than one, so a batch's later commands see its earlier ones. Returns the
    /// records to append and the indexes of the commands they came from.
    async fn decide_batch(
        &self,
        commands: &[CommandEnvelope],
        outcomes: &mut [Option<Outcome>],
        log: &impl CommandLog,
    ) -> (Vec<LoggedCommand>, Vec<usize>) {
        // Copied only once an accepted command is followed by another to decide, so a batch
        // of one (the common case of a click) never copies the write model.
        let mut scratch = std::borrow::Cow::Borrowed(&self.write);
        let last_open = outcomes.iter().rposition(Option::is_none).unwrap_or(0);
        let mut accepted = Vec::new();
        let mut decided = Vec::new();
        let mut next_seq = self.last_seq;
        let mut ids_in_batch = HashSet::new();
        for (index, envelope) in commands.iter().enumerate() {
            if outcomes[index].is_some() {
                continue;
            }
            if self.seen_ids.contains(&envelope.id) || !ids_in_batch.insert(envelope.id.clone()) {
                outcomes[index] = Some(match log.find(&envelope.id).await {
                    Ok(Some(earlier)) => Outcome::Duplicate(earlier),
                    _ => Outcome::NotSaved(AppendError::Conflict),
                });
                continue;
            }
            match scratch.decide(envelope) {
                Ok(events) => {
                    next_seq += 1;
                    if index < last_open {
                        let model = scratch.to_mut();
                        for recorded in &events {
                            model.apply(recorded);
                        }
                    }
                    accepted.push(LoggedCommand {
                        seq: next_seq,
                        envelope: envelope.clone(),
                        events,
                    });
                    decided.push(index);
                }
                Err(error) => {
                    outcomes[index] = Some(match self.folded_before_snapshot(log, envelope).await {
                        Some(earlier) => Outcome::Duplicate(earlier),
                        None => Outcome::Rejected(error),
                    })
                }
            }
        }
        (accepted, decided)
    }

    /// Folds every record another writer appended since the last one folded here.
    pub async fn catch_up(
        &mut self,
        log: &impl CommandLog,
    ) -> Result<Vec<LoggedCommand>, LogError> {
        let tail: Batch = read_all_after(log, self.last_seq, |_, _| {}).await?;
        self.fold(&tail.records);
        log.keep_quarantined(&tail.quarantined).await?;
        self.quarantined.extend(tail.quarantined);
        self.last_seq = self.last_seq.max(tail.last_seq);
        Ok(tail.records)
    }

    fn fold(&mut self, records: &[LoggedCommand]) {
        for logged in records {
            for recorded in &logged.events {
                self.write.apply(recorded);
                self.process.apply(&recorded.event);
            }
            self.seen_ids.insert(logged.envelope.id.clone());
            self.last_seq = self.last_seq.max(logged.seq);
        }
    }

    /// Whether anything was folded since the last snapshot (what an idle snapshot would save).
    pub fn has_unsnapshotted(&self) -> bool {
        self.last_seq > self.snapshot_seq
    }

    /// Whether enough has been appended since the last snapshot to take another.
    pub fn snapshot_due(&self) -> bool {
        self.last_seq >= self.snapshot_seq + SNAPSHOT_EVERY
    }

    /// Saves every service's state and read models at the current point of the log.
    pub async fn save_snapshots(
        &mut self,
        log: &impl CommandLog,
        read: &ReadModels,
    ) -> Result<(), LogError> {
        let snapshots: Vec<Snapshot> = Service::ALL
            .iter()
            .map(|&service| Snapshot {
                service,
                schema: SNAPSHOT_SCHEMA,
                seq: self.last_seq,
                write: self.write.export_part(service),
                read: read.export_part(service),
                process: (service == Service::Order)
                    .then(|| serde_json::to_string(&self.process).unwrap_or_default()),
            })
            .collect();
        log.save_snapshots(&snapshots).await?;
        self.snapshot_seq = self.last_seq;
        Ok(())
    }
}

fn restore(
    write: &mut WriteModel,
    read: &mut ReadModels,
    process: &mut CheckoutProcess,
    snapshot: &Snapshot,
) -> Result<(), serde_json::Error> {
    write.import_part(snapshot.service, &snapshot.write)?;
    read.import_part(snapshot.service, &snapshot.read)?;
    if snapshot.service == Service::Order {
        *process = serde_json::from_str(snapshot.process.as_deref().unwrap_or("null"))?;
    }
    Ok(())
}

fn reset(
    write: &mut WriteModel,
    read: &mut ReadModels,
    process: &mut CheckoutProcess,
    service: Service,
) {
    let empty_write = WriteModel::new();
    let empty_read = ReadModels::default();
    // Importing an empty part's own export cannot fail.
    let _ = write.import_part(service, &empty_write.export_part(service));
    let _ = read.import_part(service, &empty_read.export_part(service));
    if service == Service::Order {
        *process = CheckoutProcess::default();
    }
}

fn apply_to(
    write: &mut WriteModel,
    read: &mut ReadModels,
    process: &mut CheckoutProcess,
    catalog: &crate::domain::Catalog,
    service: Service,
    logged: &LoggedCommand,
) {
    for recorded in &logged.events {
        write.apply_to(service, recorded);
        if service == Service::Order {
            process.apply(&recorded.event);
        }
    }
    read.apply_to(service, catalog, logged);
}

/// The activity view holds only the newest commands; read them from the log when the tail
/// after the snapshots was shorter.
async fn recent_activity(
    log: &impl CommandLog,
    last_seq: u64,
    tail: &Batch,
) -> Result<crate::projections::Activity, LogError> {
    let wanted = crate::projections::activity::RECENT;
    let mut activity = crate::projections::Activity::default();
    let held = tail.records.len();
    let fetched;
    let records: &[LoggedCommand] = if held >= wanted || last_seq <= held as u64 {
        &tail.records[held.saturating_sub(wanted)..]
    } else {
        fetched = log
            .read_after(last_seq.saturating_sub(wanted as u64), wanted as u32)
            .await?
            .records;
        &fetched
    };
    for logged in records {
        activity.apply(logged);
    }
    Ok(activity)
}

fn fail(outcomes: &mut [Option<Outcome>], indexes: &[usize], error: AppendError) {
    for &index in indexes {
        outcomes[index] = Some(Outcome::NotSaved(error.clone()));
    }
}

fn finish(outcomes: Vec<Option<Outcome>>) -> Vec<Outcome> {
    outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::NotSaved(AppendError::Conflict)))
        .collect()
}
