//! Timsort (CPython's `listsort`), generic over the items and a fallible "less than":
//! natural runs (strictly descending ones reversed), short runs extended by binary
//! insertion, runs merged under the powersort policy (as CPython 3.11+), merges galloping
//! when one side keeps winning. On error the sort stops with the items in some order:
//! nothing is lost or duplicated, even when the comparison is inconsistent.

/// Consecutive wins that switch a merge into galloping mode (adapted as it goes).
const MIN_GALLOP: usize = 7;
/// The longest run binary insertion builds.
const MAX_MINRUN: usize = 64;

#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    /// Powersort's node level of the boundary before the next run.
    power: u32,
}

struct MergeState<T, F, E> {
    lt: F,
    oom: fn() -> E,
    min_gallop: usize,
    tmp: Vec<T>,
    pending: Vec<Run>,
    len: usize,
}

/// A stable sort of `v` by the fallible "less than" `lt` (CPython's `listsort`). On error
/// the sort stops and `v` holds a permutation of its items; `oom` makes the error for a
/// failed allocation. An inconsistent `lt` gives some permutation, never a crash.
pub(crate) fn timsort<T: Copy, E>(
    v: &mut [T],
    lt: impl FnMut(T, T) -> Result<bool, E>,
    oom: fn() -> E,
) -> Result<(), E> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState { lt, oom, min_gallop: MIN_GALLOP, tmp: Vec::new(), pending: Vec::new(), len: n };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    while lo < n {
        let mut run = count_run(&mut ms.lt, &mut v[lo..])?;
        if run < minrun {
            let force = minrun.min(n - lo);
            binary_insertion(&mut ms.lt, &mut v[lo..lo + force], run)?;
            run = force;
        }
        ms.found_new_run(v, run)?;
        ms.pending.push(Run { base: lo, len: run, power: 0 });
        lo += run;
    }
    ms.force_collapse(v)
}

/// `n` itself below 64, else a length in 32..=64 such that `n / minrun` is a power of two
/// or slightly less.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= MAX_MINRUN {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The length of the run at the start of `v` (at least 2 items when `v` has 2); a strictly
/// descending run is reversed in place (strictness keeps the sort stable).
fn count_run<T: Copy, E>(lt: &mut impl FnMut(T, T) -> Result<bool, E>, v: &mut [T]) -> Result<usize, E> {
    if v.len() == 1 {
        return Ok(1);
    }
    let mut k = 2;
    if lt(v[1], v[0])? {
        while k < v.len() && lt(v[k], v[k - 1])? {
            k += 1;
        }
        v[..k].reverse();
    } else {
        while k < v.len() && !lt(v[k], v[k - 1])? {
            k += 1;
        }
    }
    Ok(k)
}

/// Stable binary insertion sort of `v`, whose first `sorted` items are in order. Each item
/// moves only after its place is found, so an error leaves a permutation.
fn binary_insertion<T: Copy, E>(
    lt: &mut impl FnMut(T, T) -> Result<bool, E>,
    v: &mut [T],
    sorted: usize,
) -> Result<(), E> {
    for i in sorted.max(1)..v.len() {
        let pivot = v[i];
        let (mut l, mut r) = (0, i);
        while l < r {
            let m = l + (r - l) / 2;
            if lt(pivot, v[m])? {
                r = m;
            } else {
                l = m + 1;
            }
        }
        v.copy_within(l..i, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// Where `key` goes in the sorted `a`, leftmost: `a[k-1] < key <= a[k]`. Gallops from
/// `hint` (exponential then binary search), so it is fast when the answer is near it.
fn gallop_left<T: Copy, E>(
    lt: &mut impl FnMut(T, T) -> Result<bool, E>,
    key: T,
    a: &[T],
    hint: usize,
) -> Result<usize, E> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let (mut lastofs, mut ofs): (isize, isize) = (0, 1);
    if lt(a[hint as usize], key)? {
        // a[hint] < key: gallop right until a[hint + lastofs] < key <= a[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(a[(hint + ofs) as usize], key)? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    } else {
        // key <= a[hint]: gallop left until a[hint - ofs] < key <= a[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(a[(hint - ofs) as usize], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    // a[lastofs] < key <= a[ofs]: binary search in between.
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(a[m as usize], key)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

/// Where `key` goes in the sorted `a`, rightmost: `a[k-1] <= key < a[k]`.
fn gallop_right<T: Copy, E>(
    lt: &mut impl FnMut(T, T) -> Result<bool, E>,
    key: T,
    a: &[T],
    hint: usize,
) -> Result<usize, E> {
    let n = a.len() as isize;
    let hint = hint as isize;
    let (mut lastofs, mut ofs): (isize, isize) = (0, 1);
    if lt(key, a[hint as usize])? {
        // key < a[hint]: gallop left until a[hint - ofs] <= key < a[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(key, a[(hint - ofs) as usize])? {
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            } else {
                break;
            }
        }
        ofs = ofs.min(maxofs);
        let k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    } else {
        // a[hint] <= key: gallop right until a[hint + lastofs] <= key < a[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(key, a[(hint + ofs) as usize])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lastofs += hint;
        ofs += hint;
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(key, a[m as usize])? {
            ofs = m;
        } else {
            lastofs = m + 1;
        }
    }
    Ok(ofs as usize)
}

/// Powersort's level of the boundary between the runs `s1..s1+n1` and `s1+n1..s1+n1+n2`
/// of a list of `n`: the first bit where the binary expansions of their midpoints / n
/// differ.
fn power_of(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// How a merge ended.
enum End<E> {
    /// One side is used up (what remains of the other is copied back).
    Done,
    /// One item of the side held in `tmp` remains: it goes to the far end.
    LastOne,
    Fail(E),
}

impl<T: Copy, F: FnMut(T, T) -> Result<bool, E>, E> MergeState<T, F, E> {
    /// Merges pending runs while the one below the top has a higher power than the
    /// boundary the new run (`n2` items, starting after the top run) makes.
    fn found_new_run(&mut self, v: &mut [T], n2: usize) -> Result<(), E> {
        let Some(top) = self.pending.last() else { return Ok(()) };
        let power = power_of(top.base, top.len, n2, self.len);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(v, self.pending.len() - 2)?;
        }
        self.pending.last_mut().expect("a run is pending").power = power;
        Ok(())
    }

    fn force_collapse(&mut self, v: &mut [T]) -> Result<(), E> {
        while self.pending.len() > 1 {
            let p = &self.pending;
            let mut i = p.len() - 2;
            if i > 0 && p[i - 1].len < p[i + 1].len {
                i -= 1;
            }
            self.merge_at(v, i)?;
        }
        Ok(())
    }

    /// Merges pending runs `i` and `i + 1`.
    fn merge_at(&mut self, v: &mut [T], i: usize) -> Result<(), E> {
        let (a, b) = (self.pending[i], self.pending[i + 1]);
        self.pending[i].len = a.len + b.len;
        self.pending.remove(i + 1);
        // Items of a before where b[0] goes, and items of b after where a's last goes, are
        // already in place.
        let k = gallop_right(&mut self.lt, v[b.base], &v[a.base..a.base + a.len], 0)?;
        let (base_a, na) = (a.base + k, a.len - k);
        if na == 0 {
            return Ok(());
        }
        let nb = gallop_left(&mut self.lt, v[base_a + na - 1], &v[b.base..b.base + b.len], b.len - 1)?;
        if nb == 0 {
            return Ok(());
        }
        self.tmp.clear();
        if self.tmp.try_reserve(na.min(nb)).is_err() {
            return Err((self.oom)());
        }
        if na <= nb {
            self.merge_lo(v, base_a, na, nb)
        } else {
            self.merge_hi(v, base_a, na, nb)
        }
    }

    /// Merges `v[base..base+na]` and the `nb` items after it, `na <= nb`, with the first
    /// run moved to `tmp`, filling from the left.
    fn merge_lo(&mut self, v: &mut [T], base: usize, mut na: usize, mut nb: usize) -> Result<(), E> {
        let MergeState { lt, min_gallop: mg, tmp, .. } = self;
        tmp.extend_from_slice(&v[base..base + na]);
        // Invariant: dest + na == pb.
        let (mut dest, mut pa, mut pb) = (base, 0, base + na);
        v[dest] = v[pb];
        dest += 1;
        pb += 1;
        nb -= 1;
        let end = 'merge: {
            if nb == 0 {
                break 'merge End::Done;
            }
            if na == 1 {
                break 'merge End::LastOne;
            }
            let mut min_gallop = *mg;
            loop {
                let (mut acount, mut bcount) = (0, 0);
                // One item at a time until one side wins min_gallop times in a row.
                loop {
                    let k = match lt(v[pb], tmp[pa]) {
                        Ok(k) => k,
                        Err(e) => break 'merge End::Fail(e),
                    };
                    if k {
                        v[dest] = v[pb];
                        dest += 1;
                        pb += 1;
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 0 {
                            break 'merge End::Done;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    } else {
                        v[dest] = tmp[pa];
                        dest += 1;
                        pa += 1;
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 1 {
                            break 'merge End::LastOne;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    }
                }
                // Galloping: find how many in a row each side wins, and move them at once.
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    *mg = min_gallop;
                    let k = match gallop_right(lt, v[pb], &tmp[pa..pa + na], 0) {
                        Ok(k) => k,
                        Err(e) => break 'merge End::Fail(e),
                    };
                    acount = k;
                    if k > 0 {
                        v[dest..dest + k].copy_from_slice(&tmp[pa..pa + k]);
                        dest += k;
                        pa += k;
                        na -= k;
                        if na == 1 {
                            break 'merge End::LastOne;
                        }
                        // Only with an inconsistent comparison.
                        if na == 0 {
                            break 'merge End::Done;
                        }
                    }
                    v[dest] = v[pb];
                    dest += 1;
                    pb += 1;
                    nb -= 1;
                    if nb == 0 {
                        break 'merge End::Done;
                    }
                    let k = match gallop_left(lt, tmp[pa], &v[pb..pb + nb], 0) {
                        Ok(k) => k,
                        Err(e) => break 'merge End::Fail(e),
                    };
                    bcount = k;
                    if k > 0 {
                        v.copy_within(pb..pb + k, dest);
                        dest += k;
                        pb += k;
                        nb -= k;
                        if nb == 0 {
                            break 'merge End::Done;
                        }
                    }
                    v[dest] = tmp[pa];
                    dest += 1;
                    pa += 1;
                    na -= 1;
                    if na == 1 {
                        break 'merge End::LastOne;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                // Leaving galloping mode costs: it is entered less readily next time.
                min_gallop += 1;
                *mg = min_gallop;
            }
        };
        match end {
            End::LastOne => {
                v.copy_within(pb..pb + nb, dest);
                v[dest + nb] = tmp[pa];
                Ok(())
            }
            End::Done => {
                v[dest..dest + na].copy_from_slice(&tmp[pa..pa + na]);
                Ok(())
            }
            End::Fail(e) => {
                v[dest..dest + na].copy_from_slice(&tmp[pa..pa + na]);
                Err(e)
            }
        }
    }

    /// Merges `v[base..base+na]` and the `nb` items after it, `na > nb`, with the second
    /// run moved to `tmp`, filling from the right. Positions are one past the next item.
    fn merge_hi(&mut self, v: &mut [T], base: usize, mut na: usize, mut nb: usize) -> Result<(), E> {
        let MergeState { lt, min_gallop: mg, tmp, .. } = self;
        tmp.extend_from_slice(&v[base + na..base + na + nb]);
        // Invariant: dest == pa + nb; what remains of a is v[base..pa], of b tmp[..nb].
        let (mut dest, mut pa) = (base + na + nb, base + na);
        dest -= 1;
        pa -= 1;
        v[dest] = v[pa];
        na -= 1;
        let end = 'merge: {
            if na == 0 {
                break 'merge End::Done;
            }
            if nb == 1 {
                break 'merge End::LastOne;
            }
            let mut min_gallop = *mg;
            loop {
                let (mut acount, mut bcount) = (0, 0);
                loop {
                    let k = match lt(tmp[nb - 1], v[pa - 1]) {
                        Ok(k) => k,
                        Err(e) => break 'merge End::Fail(e),
                    };
                    if k {
                        dest -= 1;
                        pa -= 1;
                        v[dest] = v[pa];
                        na -= 1;
                        acount += 1;
                        bcount = 0;
                        if na == 0 {
                            break 'merge End::Done;
                        }
                        if acount >= min_gallop {
                            break;
                        }
                    } else {
                        dest -= 1;
                        v[dest] = tmp[nb - 1];
                        nb -= 1;
                        bcount += 1;
                        acount = 0;
                        if nb == 1 {
                            break 'merge End::LastOne;
                        }
                        if bcount >= min_gallop {
                            break;
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    *mg = min_gallop;
                    let k = match gallop_right(lt, tmp[nb - 1], &v[base..pa], na - 1) {
                        Ok(k) => na - k,
                        Err(e) => break 'merge End::Fail(e),
                    };
                    acount = k;
                    if k > 0 {
                        dest -= k;
                        pa -= k;
                        v.copy_within(pa..pa + k, dest);
                        na -= k;
                        if na == 0 {
                            break 'merge End::Done;
                        }
                    }
                    dest -= 1;
                    v[dest] = tmp[nb - 1];
                    nb -= 1;
                    if nb == 1 {
                        break 'merge End::LastOne;
                    }
                    let k = match gallop_left(lt, v[pa - 1], &tmp[..nb], nb - 1) {
                        Ok(k) => nb - k,
                        Err(e) => break 'merge End::Fail(e),
                    };
                    bcount = k;
                    if k > 0 {
                        dest -= k;
                        nb -= k;
                        v[dest..dest + k].copy_from_slice(&tmp[nb..nb + k]);
                        if nb == 1 {
                            break 'merge End::LastOne;
                        }
                        // Only with an inconsistent comparison.
                        if nb == 0 {
                            break 'merge End::Done;
                        }
                    }
                    dest -= 1;
                    pa -= 1;
                    v[dest] = v[pa];
                    na -= 1;
                    if na == 0 {
                        break 'merge End::Done;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                *mg = min_gallop;
            }
        };
        match end {
            End::LastOne => {
                // b's first item goes before all that remains of a.
                dest -= na;
                pa -= na;
                v.copy_within(pa..pa + na, dest);
                v[dest - 1] = tmp[0];
                Ok(())
            }
            End::Done => {
                v[dest - nb..dest].copy_from_slice(&tmp[..nb]);
                Ok(())
            }
            End::Fail(e) => {
                v[dest - nb..dest].copy_from_slice(&tmp[..nb]);
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sorts (key, original position) pairs by key with `timsort` and checks the result is
    /// what Rust's stable sort gives.
    fn check_stable(keys: &[i32]) {
        let mut v: Vec<(i32, usize)> = keys.iter().copied().zip(0..).collect();
        let mut want = v.clone();
        want.sort_by_key(|&(k, _)| k);
        timsort(&mut v, |a, b| Ok::<bool, ()>(a.0 < b.0), || ()).unwrap();
        assert_eq!(v, want);
    }

    #[test]
    fn sorts_the_shapes_that_exercise_each_path() {
        check_stable(&[]);
        check_stable(&[1]);
        check_stable(&[2, 1]);
        let asc: Vec<i32> = (0..1000).collect();
        check_stable(&asc);
        let desc: Vec<i32> = (0..1000).rev().collect();
        check_stable(&desc);
        // Long runs of equal keys, descending blocks, interleavings that make merges gallop.
        let blocks: Vec<i32> = (0..5000).map(|i| (i / 100) % 7).collect();
        check_stable(&blocks);
        let saw: Vec<i32> = (0..4000).map(|i| if i % 500 < 250 { i % 500 } else { 500 - i % 500 }).collect();
        check_stable(&saw);
        let mut x: u32 = 12345;
        let random: Vec<i32> = (0..10_000)
            .map(|_| {
                x = x.wrapping_mul(1103515245).wrapping_add(12345);
                (x >> 16) as i32 % 1000
            })
            .collect();
        check_stable(&random);
        let two_runs: Vec<i32> = (0..3000).chain(0..3000).collect();
        check_stable(&two_runs);
    }

    #[test]
    fn power_matches_cpython_examples() {
        // Two halves of a list meet at the root (level 1); quarters one level down.
        assert_eq!(power_of(0, 50, 50, 100), 1);
        assert_eq!(power_of(0, 25, 25, 100), 2);
        assert_eq!(power_of(50, 25, 25, 100), 2);
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert_eq!(compute_minrun(100_000), 49);
    }

    #[test]
    fn an_error_stops_the_sort_and_leaves_a_permutation() {
        for fail_at in [0usize, 1, 5, 50, 200, 1000, 3000] {
            let keys: Vec<i32> = (0..2000).map(|i| (i * 7919) % 1000).collect();
            let mut v: Vec<(i32, usize)> = keys.iter().copied().zip(0..).collect();
            let mut calls = 0;
            let r = timsort(
                &mut v,
                |a, b| {
                    calls += 1;
                    if calls > fail_at {
                        Err("boom")
                    } else {
                        Ok(a.0 < b.0)
                    }
                },
                || "oom",
            );
            assert_eq!(r, Err("boom"));
            assert_eq!(calls, fail_at + 1, "no comparison after the failing one");
            let mut seen: Vec<usize> = v.iter().map(|&(_, i)| i).collect();
            seen.sort_unstable();
            assert!(seen.iter().copied().eq(0..2000), "not a permutation after failing at {fail_at}");
        }
    }

    #[test]
    fn an_inconsistent_comparison_gives_a_permutation() {
        let mut x: u64 = 99;
        let mut v: Vec<usize> = (0..5000).collect();
        timsort(
            &mut v,
            |_, _| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                Ok::<bool, ()>(x & 1 == 0)
            },
            || (),
        )
        .unwrap();
        let mut seen = v.clone();
        seen.sort_unstable();
        assert!(seen.iter().copied().eq(0..5000));
    }

    proptest! {
        #[test]
        fn agrees_with_rust_stable_sort(keys in proptest::collection::vec(-50i32..50, 0..3000)) {
            let mut v: Vec<(i32, usize)> = keys.iter().copied().zip(0..).collect();
            let mut want = v.clone();
            want.sort_by_key(|&(k, _)| k);
            timsort(&mut v, |a, b| Ok::<bool, ()>(a.0 < b.0), || ()).unwrap();
            prop_assert_eq!(v, want);
        }

        #[test]
        fn agrees_on_wide_keys(keys in proptest::collection::vec(any::<i64>(), 0..2000)) {
            let mut v: Vec<(i64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut want = v.clone();
            want.sort_by_key(|&(k, _)| k);
            timsort(&mut v, |a, b| Ok::<bool, ()>(a.0 < b.0), || ()).unwrap();
            prop_assert_eq!(v, want);
        }
    }
}
