//! Export and import of the whole log as a JSON file. An import is checked completely before
//! anything is written: size, format, versions, every record, and that its stream versions
//! replay cleanly. A bad file gets a precise error and changes nothing.

use crate::domain::{LoggedCommand, WriteModel};
use crate::log::codec::{self, StoredRecord};
use serde::{Deserialize, Serialize};

/// The `format` field every export carries.
pub const FORMAT: &str = "cqrs-shop-log";
/// The version of the export file layout. Version 2 files hold version-2 records (a batch
/// each); version 1 files, with version-1 records, are still read.
pub const FILE_VERSION: u32 = 2;
/// The largest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// An exported log.
#[derive(Serialize, Deserialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub exported_at: u64,
    pub records: Vec<StoredRecord>,
}

/// Why a file cannot be imported. Nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    NotJson(String),
    WrongFormat,
    NewerFile {
        version: u32,
    },
    BadRecord {
        index: usize,
        reason: String,
    },
    OutOfOrder {
        index: usize,
        expected: u64,
        found: u64,
    },
    VersionGap {
        index: usize,
        stream: String,
    },
    NotEmpty {
        commands: u64,
    },
    /// The shop is still opening or saving; the import can be tried again in a moment.
    Busy,
    NotSaved(crate::log::AppendError),
}

/// Writes the commands as an export file, one record per command: an import then lays the log
/// out as a shopper's clicks did.
pub fn export(commands: &[LoggedCommand], exported_at: u64) -> String {
    let file = ExportFile {
        format: FORMAT.into(),
        version: FILE_VERSION,
        exported_at,
        records: commands
            .iter()
            .map(|l| codec::encode(std::slice::from_ref(l)))
            .collect(),
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// Reads an export file's envelope: size, JSON, format and file version.
pub fn read_file(text: &str) -> Result<ExportFile, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: text.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    // The header first, so a wrong or newer file is named as such rather than as bad JSON.
    let header: Header =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::WrongFormat);
    }
    let version = header.version.unwrap_or(0);
    if version > FILE_VERSION {
        return Err(ImportError::NewerFile { version });
    }
    serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))
}

/// The fields that say what a file is; everything else is skipped on the first pass.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// Checks an export file's records a slice at a time, so a page can show progress.
pub struct Checker {
    stored: Vec<StoredRecord>,
    model: WriteModel,
    records: Vec<Vec<LoggedCommand>>,
    next_seq: u64,
}

impl Checker {
    /// Starts checking the records of a file.
    pub fn new(file: ExportFile) -> Self {
        Self {
            records: Vec::with_capacity(file.records.len()),
            stored: file.records,
            model: WriteModel::new(),
            next_seq: 1,
        }
    }

    /// How many records the file holds.
    pub fn total(&self) -> usize {
        self.stored.len()
    }

    /// Checks up to `count` more records; returns how many are checked so far.
    pub fn check(&mut self, count: usize) -> Result<usize, ImportError> {
        let start = self.records.len();
        let end = start.saturating_add(count).min(self.stored.len());
        for index in start..end {
            let number = index + 1;
            let commands =
                codec::decode(&self.stored[index]).map_err(|e| ImportError::BadRecord {
                    index: number,
                    reason: e.to_string(),
                })?;
            for logged in &commands {
                if logged.seq != self.next_seq {
                    return Err(ImportError::OutOfOrder {
                        index: number,
                        expected: self.next_seq,
                        found: logged.seq,
                    });
                }
                self.next_seq += 1;
                for recorded in &logged.events {
                    if recorded.version != self.model.version(&recorded.stream) + 1 {
                        return Err(ImportError::VersionGap {
                            index: number,
                            stream: recorded.stream.to_string(),
                        });
                    }
                    self.model.apply(recorded);
                }
            }
            self.records.push(commands);
        }
        Ok(end)
    }

    /// Whether every record was checked.
    pub fn is_done(&self) -> bool {
        self.records.len() == self.stored.len()
    }

    /// The checked records (each a batch of commands), once every one passed.
    pub fn into_records(self) -> Vec<Vec<LoggedCommand>> {
        self.records
    }
}

/// Reads and checks an export file completely; returns the records to append.
pub fn parse_import(text: &str) -> Result<Vec<Vec<LoggedCommand>>, ImportError> {
    let mut checker = Checker::new(read_file(text)?);
    checker.check(usize::MAX)?;
    Ok(checker.into_records())
}
