//! A read-only hash table laid out at build time: the build script computes the slots of
//! the shipped word lists and gazetteer and writes them as static arrays, so that looking
//! a word up costs the same as a hash map and building it costs nothing at run time.
//! Shared by the library and the build script: this module uses nothing outside itself.

/// The hash of a key: the Fx hash (of rustc) over the bytes, 8 at a time, then the length.
#[inline]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h: u64 = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    (h.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(K)
}

/// The slot layout of `keys` (distinct): the shift that turns a hash into a first slot,
/// and the slots, each the key's index + 1 or 0 for an empty slot. Open addressing with
/// linear probing, at most half full.
pub(crate) fn layout(keys: &[&str]) -> (u32, Vec<u32>) {
    let mut bits = 1;
    while (1usize << bits) < keys.len() * 2 {
        bits += 1;
    }
    let mask = (1usize << bits) - 1;
    let shift = 64 - bits;
    let mut slots = vec![0u32; 1 << bits];
    for (i, k) in keys.iter().enumerate() {
        let mut s = (hash(k.as_bytes()) >> shift) as usize;
        while slots[s] != 0 {
            s = (s + 1) & mask;
        }
        slots[s] = i as u32 + 1;
    }
    (shift, slots)
}

/// A read-only map from strings to values, laid out by [`layout`].
pub(crate) struct StaticMap<V: 'static> {
    /// Hash >> shift is the first slot to look at.
    pub shift: u32,
    /// Entry index + 1, or 0 for an empty slot; a power of two long.
    pub slots: &'static [u32],
    /// All keys, one after the other.
    pub keys: &'static str,
    /// Each entry's key (start and end in `keys`) and value.
    pub entries: &'static [(u32, u32, V)],
}

impl<V: Copy> StaticMap<V> {
    /// The value of `key`.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut s = (hash(key.as_bytes()) >> self.shift) as usize & mask;
        loop {
            let e = self.slots[s];
            if e == 0 {
                return None;
            }
            let (start, end, v) = self.entries[e as usize - 1];
            if self.keys.as_bytes().get(start as usize..end as usize) == Some(key.as_bytes()) {
                return Some(v);
            }
            s = (s + 1) & mask;
        }
    }

    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_lookup() {
        let keys = ["Putin", "Xi", "the", "a", "Москва", "北京"];
        let (shift, slots) = layout(&keys);
        let blob: String = keys.concat();
        let mut entries = Vec::new();
        let mut off = 0u32;
        for (i, k) in keys.iter().enumerate() {
            entries.push((off, off + k.len() as u32, i));
            off += k.len() as u32;
        }
        let map = StaticMap {
            shift,
            slots: Box::leak(slots.into_boxed_slice()),
            keys: Box::leak(blob.into_boxed_str()),
            entries: Box::leak(entries.into_boxed_slice()),
        };
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), Some(i));
        }
        assert_eq!(map.get("Put"), None);
        assert_eq!(map.get(""), None);
        assert_eq!(map.len(), keys.len());
    }
}
