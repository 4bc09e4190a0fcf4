pub mod app;
pub mod domain;
pub mod log;
pub mod projections;
pub mod ui;
