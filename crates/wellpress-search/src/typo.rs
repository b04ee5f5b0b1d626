//! Edit distances between words, counted in characters, with a swap of two
//! neighbours as one edit (optimal string alignment).

/// Whether `a` and `b` are at most one edit apart.
pub fn within_one(a: &str, b: &str) -> bool {
    distance(a, b, 1).is_some()
}

/// The distance between `a` and `b` if it is at most `limit`.
pub fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows of the table: two back, one back, this one.
    let width = b.len() + 1;
    let mut rows = vec![0_usize; width * 3];
    for (j, cell) in rows[width..2 * width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (back2, rest) = rows.split_at_mut(width);
        let (back1, row) = rest.split_at_mut(width);
        row[0] = i;
        let mut smallest = row[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (back1[j] + 1).min(row[j - 1] + 1).min(back1[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(back2[j - 2] + 1);
            }
            row[j] = d;
            smallest = smallest.min(d);
        }
        if smallest > limit {
            return None;
        }
        rows.rotate_left(width);
    }
    let d = rows[width + b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_insertions_deletions_substitutions_and_swaps_as_one() {
        assert_eq!(distance("pressure", "presure", 2), Some(1));
        assert_eq!(distance("ketamine", "ketamin", 2), Some(1));
        assert_eq!(distance("sleep", "slepe", 2), Some(1));
        assert_eq!(distance("sleep", "sheep", 2), Some(1));
        assert_eq!(distance("sleep", "sleep", 0), Some(0));
        assert_eq!(distance("café", "cafe", 1), Some(1));
    }

    #[test]
    fn gives_up_beyond_the_limit() {
        assert_eq!(distance("sleep", "steel", 1), None);
        assert_eq!(distance("sleep", "steel", 2), Some(2));
        assert!(!within_one("walk", "walking"));
        assert!(within_one("", "a"));
    }
}
