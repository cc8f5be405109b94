//! The domain vocabulary shared by every stage: document kinds, partial
//! dates and document numbers. Pure values with no I/O.

pub mod date;
pub mod kind;
pub mod number;

pub use date::PartialDate;
pub use kind::Kind;
pub use number::DocNumber;
