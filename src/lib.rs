pub mod domain;
pub mod projections;
