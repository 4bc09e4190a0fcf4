//! Wiring: the engine that runs the write side, and (in the browser) the dispatcher, message
//! bus, reactions, start-up, tab sync and metrics around it.

pub mod engine;
