//! The domain vocabulary shared by every stage: document kinds, partial
//! dates, document numbers and the relations between documents. Pure values
//! with no I/O.

pub mod date;
pub mod kind;
pub mod number;
pub mod relation;
pub mod validity;

pub use date::PartialDate;
pub use kind::Kind;
pub use number::DocNumber;
pub use relation::Relation;
