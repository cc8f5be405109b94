//! vanban: a static-site generator for Vietnamese public-administration
//! documents.
//!
//! Data flows one way through stages, each a module with a narrow interface:
//! [`content`] (load) → [`graph`] (resolve links) → [`render`] → [`search`]
//! (index) → [`output`] (write). [`build`] runs them in order.

pub mod build;
pub mod check;
pub mod cite;
pub mod config;
pub mod content;
pub mod corpus;
pub mod diagnostics;
pub mod federation;
pub mod graph;
pub mod import;
pub mod init;
pub mod model;
pub mod new;
pub mod output;
pub mod registry;
pub mod render;
pub mod search;
pub mod serve;
pub mod site_files;
pub mod text;
