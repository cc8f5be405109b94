//! The typed relations one document states about another, with the words
//! Vietnamese legal portals use for each direction. Kept in the model so
//! that the citation reader, the graph and the pages share one vocabulary.

use serde::Serialize;

/// How one document relates to another it names. The order is the order
/// the relations panel lists them in: what changes the other document's
/// force first, plain mentions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Thay thế: the cited document is no longer in force, this one takes
    /// its place.
    Replaces,
    /// Bãi bỏ: the cited document is no longer in force.
    Repeals,
    /// Bãi bỏ một phần: some articles of the cited document are repealed.
    RepealsInPart,
    /// Sửa đổi, bổ sung: some provisions of the cited document change.
    Amends,
    /// Đính chính (Nghị định 30/2020, Điều 18.3): an error in the cited
    /// document is corrected.
    Corrects,
    /// Hướng dẫn: explains how to carry out the cited document.
    Guides,
    /// Triển khai thực hiện: carries the cited document out.
    Implements,
    /// Căn cứ: the cited document is the legal basis.
    BasedOn,
    /// Dẫn chiếu: any other mention.
    Cites,
}

impl Relation {
    pub const ALL: [Relation; 9] = [
        Relation::Replaces,
        Relation::Repeals,
        Relation::RepealsInPart,
        Relation::Amends,
        Relation::Corrects,
        Relation::Guides,
        Relation::Implements,
        Relation::BasedOn,
        Relation::Cites,
    ];

    /// The front-matter key and open-data name: "based_on".
    pub fn key(self) -> &'static str {
        match self {
            Relation::Replaces => "replaces",
            Relation::Repeals => "repeals",
            Relation::RepealsInPart => "repeals_in_part",
            Relation::Amends => "amends",
            Relation::Corrects => "corrects",
            Relation::Guides => "guides",
            Relation::Implements => "implements",
            Relation::BasedOn => "based_on",
            Relation::Cites => "cites",
        }
    }

    /// The open-data name of the other direction: "replaced_by".
    pub fn backward_key(self) -> &'static str {
        match self {
            Relation::Replaces => "replaced_by",
            Relation::Repeals => "repealed_by",
            Relation::RepealsInPart => "repealed_in_part_by",
            Relation::Amends => "amended_by",
            Relation::Corrects => "corrected_by",
            Relation::Guides => "guided_by",
            Relation::Implements => "implemented_by",
            Relation::BasedOn => "basis_of",
            Relation::Cites => "cited_by",
        }
    }

    /// What the citing document does, as its page says it: "Thay thế".
    pub fn forward_vi(self) -> &'static str {
        match self {
            Relation::Replaces => "Thay thế",
            Relation::Repeals => "Bãi bỏ",
            Relation::RepealsInPart => "Bãi bỏ một phần",
            Relation::Amends => "Sửa đổi, bổ sung",
            Relation::Corrects => "Đính chính",
            Relation::Guides => "Hướng dẫn",
            Relation::Implements => "Triển khai thực hiện",
            Relation::BasedOn => "Căn cứ",
            Relation::Cites => "Dẫn chiếu",
        }
    }

    /// What happened to the cited document, as its page says it:
    /// "Bị thay thế bởi".
    pub fn backward_vi(self) -> &'static str {
        match self {
            Relation::Replaces => "Bị thay thế bởi",
            Relation::Repeals => "Bị bãi bỏ bởi",
            Relation::RepealsInPart => "Bị bãi bỏ một phần bởi",
            Relation::Amends => "Được sửa đổi, bổ sung bởi",
            Relation::Corrects => "Được đính chính bởi",
            Relation::Guides => "Được hướng dẫn bởi",
            Relation::Implements => "Được triển khai bởi",
            Relation::BasedOn => "Là căn cứ của",
            Relation::Cites => "Được dẫn chiếu bởi",
        }
    }

    /// Relations that change the cited document's text or force.
    pub fn is_lifecycle(self) -> bool {
        matches!(
            self,
            Relation::Replaces
                | Relation::Repeals
                | Relation::RepealsInPart
                | Relation::Amends
                | Relation::Corrects
        )
    }

    /// Ends the cited document's force as a whole.
    pub fn ends_force(self) -> bool {
        matches!(self, Relation::Replaces | Relation::Repeals)
    }
}

/// The relations kept for one pair of documents, from every mention of
/// one in the other: every lifecycle relation and guidance, plus the
/// strongest of implements, based on and cites — and a mere mention only
/// when nothing else is known.
pub fn combine(found: impl IntoIterator<Item = Relation>) -> Vec<Relation> {
    let mut all: Vec<Relation> = found.into_iter().collect();
    all.sort();
    all.dedup();
    let structural = [Relation::Implements, Relation::BasedOn, Relation::Cites];
    let strongest = all.iter().copied().find(|r| structural.contains(r));
    let has_other = all.iter().any(|r| !structural.contains(r));
    all.retain(|r| !structural.contains(r));
    match strongest {
        Some(Relation::Cites) if has_other => {}
        Some(r) => all.push(r),
        None => {}
    }
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_gives_way_to_anything_that_says_more() {
        use Relation::*;
        assert_eq!(combine([Cites, Implements, BasedOn]), [Implements]);
        assert_eq!(combine([Cites, Amends]), [Amends]);
        assert_eq!(combine([BasedOn, Amends, Cites]), [Amends, BasedOn]);
        assert_eq!(combine([Cites, Cites]), [Cites]);
    }

    #[test]
    fn every_relation_has_its_own_words_both_ways() {
        let mut seen = std::collections::HashSet::new();
        for r in Relation::ALL {
            assert!(seen.insert(r.forward_vi()) && seen.insert(r.backward_vi()));
        }
    }
}
