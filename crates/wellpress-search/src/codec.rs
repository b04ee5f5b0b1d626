//! The index's binary encoding: LEB128 varints, length-prefixed UTF-8, and
//! sets of document numbers as gaps or as a bitmap, whichever is shorter.

/// The index file is damaged or of another version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt;

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the search index file is damaged or from another version")
    }
}

impl std::error::Error for Corrupt {}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Writes `docs` (ascending, no repeats) as: count, first, then the rest as
/// gaps or as a bitmap after the first, with its byte length so that a
/// reader can skip it.
pub(crate) fn put_set(out: &mut Vec<u8>, docs: &[u32]) {
    put_varint(out, docs.len() as u64);
    let Some((&first, rest)) = docs.split_first() else {
        return;
    };
    put_varint(out, u64::from(first));
    let mut gaps = Vec::new();
    let mut previous = first;
    for &doc in rest {
        put_varint(&mut gaps, u64::from(doc - previous - 1));
        previous = doc;
    }
    let span = (previous - first) as usize;
    let bitmap_len = span.div_ceil(8);
    if bitmap_len < gaps.len() {
        let mut bitmap = vec![0_u8; bitmap_len];
        for &doc in rest {
            let bit = (doc - first - 1) as usize;
            bitmap[bit / 8] |= 1 << (bit % 8);
        }
        put_varint(out, (bitmap_len as u64) << 1 | 1);
        out.extend_from_slice(&bitmap);
    } else {
        put_varint(out, (gaps.len() as u64) << 1);
        out.extend_from_slice(&gaps);
    }
}

/// Reads what the `put_` functions wrote.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn rest_len(&self) -> usize {
        self.bytes.len()
    }

    pub(crate) fn varint(&mut self) -> Result<u64, Corrupt> {
        let mut n = 0_u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.bytes.split_first().ok_or(Corrupt)?;
            self.bytes = rest;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(Corrupt)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Corrupt> {
        u32::try_from(self.varint()?).map_err(|_| Corrupt)
    }

    pub(crate) fn len(&mut self) -> Result<usize, Corrupt> {
        usize::try_from(self.varint()?).map_err(|_| Corrupt)
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], Corrupt> {
        if n > self.bytes.len() {
            return Err(Corrupt);
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str, Corrupt> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Corrupt)
    }

    /// Calls `each` with every document of a set that [`put_set`] wrote.
    pub(crate) fn set(&mut self, mut each: impl FnMut(u32)) -> Result<(), Corrupt> {
        let count = self.len()?;
        if count == 0 {
            return Ok(());
        }
        let first = self.u32()?;
        each(first);
        let head = self.len()?;
        let body = self.take(head >> 1)?;
        if head & 1 == 1 {
            for (i, &byte) in body.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (1 << bit) != 0 {
                        each(first + 1 + (i * 8 + bit) as u32);
                    }
                }
            }
        } else {
            let mut gaps = Reader::new(body);
            let mut doc = first;
            while !gaps.is_empty() {
                doc = doc.checked_add(gaps.u32()? + 1).ok_or(Corrupt)?;
                each(doc);
            }
        }
        Ok(())
    }
}

/// FNV-1a, 64 bits: names the index's version after its contents.
pub(crate) fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(docs: &[u32]) -> (Vec<u32>, usize) {
        let mut out = Vec::new();
        put_set(&mut out, docs);
        let mut back = Vec::new();
        let mut reader = Reader::new(&out);
        reader.set(|d| back.push(d)).unwrap();
        assert!(reader.is_empty());
        (back, out.len())
    }

    #[test]
    fn sets_round_trip_as_gaps_or_bitmaps() {
        for docs in [
            vec![],
            vec![7],
            vec![0, 1, 2, 3],
            vec![3, 900, 70_000],
            (0..5000).step_by(2).collect(),
        ] {
            assert_eq!(round_trip(&docs).0, docs);
        }
        // Dense sets take a bit per document, sparse ones a byte or two.
        let dense: Vec<u32> = (0..10_000).collect();
        assert!(round_trip(&dense).1 < 10_000 / 8 + 8);
        assert!(round_trip(&[5, 4000, 9000]).1 <= 8);
    }

    #[test]
    fn varints_and_strings_round_trip_and_truncation_is_caught() {
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        put_str(&mut out, "héllo");
        let mut r = Reader::new(&out);
        assert_eq!(r.varint(), Ok(300));
        assert_eq!(r.str(), Ok("héllo"));
        assert!(r.is_empty());
        let mut cut = Reader::new(&out[..4]);
        cut.varint().unwrap();
        assert_eq!(cut.str(), Err(Corrupt));
    }
}
