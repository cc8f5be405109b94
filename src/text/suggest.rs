//! Near-miss suggestions for what a webmaster typed: a kind slug, a
//! jurisdiction folder, a label in a received document ("Noi nhậm").

use super::fold;

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate nearest to `typed` (diacritics, case and "-"/" " aside),
/// when it is near enough to be what was meant: at most a third of its
/// length away. Ties go to the first candidate.
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = |s: &str| fold(s.trim()).replace([' ', '_'], "-");
    let typed = key(typed);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&typed, &key(c)), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_far_ones_are_not() {
        let kinds = ["ke-hoach", "quyet-dinh", "bao-cao"];
        assert_eq!(closest("ke-hoac", kinds), Some("ke-hoach"));
        assert_eq!(closest("Quyết đinh", kinds), Some("quyet-dinh"));
        assert_eq!(closest("thong-tu", kinds), None);
        assert_eq!(edit_distance("noinham", "noinhan"), 1);
    }
}
