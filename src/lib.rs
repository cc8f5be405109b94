//! vanban: a static-site generator for Vietnamese public-administration
//! documents.
//!
//! Data flows one way through stages, each a module with a narrow interface:
//! [`content`] (load) → [`graph`] (resolve links) → [`render`] → [`search`]
//! (index) → [`output`] (write). [`build`] runs them in order.

pub mod config;
pub mod content;
pub mod diagnostics;
pub mod model;
pub mod text;
pub mod build;
pub mod cite;
pub mod graph;
pub mod output;
pub mod render;
pub mod init;
