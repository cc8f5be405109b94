//! The registry's administrative units as jurisdictions.
//!
//! Every unit of the registry ([`crate::registry`]) that the site covers is
//! a jurisdiction, whether or not `content/` has a folder for it: a national
//! site knows all 34 provinces in force, the 63 former ones and every
//! former district and commune; a provincial site (`don_vi` in
//! `config.toml`) the units that lie in its unit. A folder's `_index.md`
//! only adds a description, overrides the name, or declares a jurisdiction
//! the registry does not have. Units are matched to folders by path
//! ([`crate::registry::Registry::path`]): the folder of Huyện Vĩnh Linh is
//! `quang-tri/vinh-linh/`.
//!
//! Knowing a unit does not give it a page: the renderer makes pages only for
//! the jurisdictions something is published or cited in, their ancestors
//! and successors, and the provinces (see `graph::units`).

use super::{JurId, Jurisdiction, Level, Successor};
use crate::config::Config;
use crate::registry::{registry, Unit};
use std::collections::HashMap;

/// The units the site covers, with their folder paths.
pub(super) fn site_units(config: &Config) -> Vec<(&'static Unit, &'static str)> {
    let r = registry();
    let area = config.unit();
    r.units_at_paths()
        .filter(|(u, _)| area.is_none_or(|a| r.lies_in(u, a)))
        .collect()
}

/// A jurisdiction for a unit no folder declares.
pub(super) fn from_unit(unit: &'static Unit, path: &str) -> Jurisdiction {
    let mut j = Jurisdiction::new(path.to_string(), unit.name.to_string(), unit.level.into());
    merge_unit(&mut j, unit);
    j
}

/// Adds `unit` to the units `j` stands for. What `_index.md` declared
/// (name, level, `until`, `successor`) stays; the registry fills the rest.
pub(super) fn merge_unit(j: &mut Jurisdiction, unit: &'static Unit) {
    j.units.push(unit);
    j.units.sort_by_key(|u| (!u.in_force(), u.code));
    let declared = j.source.is_some();
    if j.units.iter().any(|u| u.in_force()) {
        if !declared {
            j.until = None;
            j.successor = None;
        }
        return;
    }
    if j.until.is_none() {
        j.until = unit.until;
    }
    if j.successor.is_none() {
        j.successor = registry()
            .successor_chain(unit)
            .first()
            .map(|s| Successor::Name(s.name.to_string()));
    }
}

/// The unit a declared jurisdiction's name and level are, when the
/// registry keeps that unit in another folder: its path, for a warning.
pub(super) fn misplaced(j: &Jurisdiction) -> Option<&'static str> {
    if !j.units.is_empty() || j.level == Level::TrungUong {
        return None;
    }
    let r = registry();
    let found = r.find(&j.name, j.until);
    let same_level: Vec<&Unit> = found
        .into_iter()
        .filter(|u| super::Level::from(u.level) == j.level && u.name == j.name)
        .collect();
    match same_level.as_slice() {
        [one] => Some(r.path(one)),
        _ => None,
    }
}

/// Resolves successors to jurisdictions of the site (a registry unit's
/// successor, or a name `_index.md` gives: "Tỉnh Ninh Bình"), and records
/// each jurisdiction's predecessors.
pub(super) fn link(jurisdictions: &mut [Jurisdiction]) {
    let r = registry();
    let by_path: HashMap<String, JurId> = jurisdictions
        .iter()
        .enumerate()
        .map(|(i, j)| (j.path.clone(), i))
        .collect();
    for j in jurisdictions.iter_mut() {
        let Some(Successor::Name(name)) = &j.successor else {
            continue;
        };
        let target = by_path.get(name.trim_matches('/')).copied().or_else(|| {
            let found = r.find(name, None);
            let first = found.first()?;
            by_path.get(r.path(first)).copied()
        });
        if let Some(id) = target {
            j.successor = Some(Successor::Jurisdiction(id));
        }
    }
    let mut predecessors: Vec<Vec<JurId>> = vec![Vec::new(); jurisdictions.len()];
    for (i, j) in jurisdictions.iter().enumerate() {
        if let Some(Successor::Jurisdiction(s)) = j.successor {
            if s != i {
                predecessors[s].push(i);
            }
        }
        for u in j.units.iter().filter(|u| u.in_force()) {
            for p in r.predecessors(u) {
                if let Some(&pid) = by_path.get(r.path(p)) {
                    if pid != i {
                        predecessors[i].push(pid);
                    }
                }
            }
        }
    }
    for (j, mut p) in jurisdictions.iter_mut().zip(predecessors) {
        p.sort_unstable();
        p.dedup();
        j.predecessors = p;
    }
}
