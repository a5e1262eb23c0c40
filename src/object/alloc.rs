//! Per-interpreter memory: what `PyObject_Malloc`, `PyMem_Malloc` and every object use.
//!
//! Each interpreter owns a [`Heap`], used only by the thread holding that interpreter's GIL,
//! so the hot paths take no lock and do no atomic operation. Like Lua's state, a heap
//! counts what it hands out and, when its interpreter ends, releases everything at once:
//! whatever C code leaked goes too, so creating and ending interpreters does not grow the
//! process.
//!
//! * Small blocks (up to 512 bytes, 16-byte size classes) come from 16 KiB pages carved
//!   from 1 MiB arenas that are 1 MiB-aligned. A page starts with a header naming its heap
//!   and size class; a free block is found by masking its address. The page lists of each
//!   class are the interpreter's free lists: a freed block is reused by the next allocation
//!   of its size, so no per-type free list is needed.
//! * Larger blocks come from `malloc` with a header linking them into their heap's list.
//! * Which kind a pointer is: the runtime's arena map ([`ArenaMap`]), a two-level radix table
//!   over 1 MiB address slots, read without locks.
//!
//! With no thread state attached there is no heap to use: blocks then come from `malloc`
//! with an ownerless header (CPython crashes in that case).
//!
//! The `system-malloc` cargo feature (for `make bench-alloc` only: no per-interpreter
//! accounting or teardown) sends every block to the C library's `malloc`, so the heap can
//! be compared with glibc's allocator and, preloaded, mimalloc.

use std::ffi::c_void;
use std::ptr::{self, null_mut};
use std::sync::atomic::{AtomicPtr, AtomicU8, Ordering::*};

/// Every block is aligned to this.
pub(crate) const ALIGN: usize = 16;
/// The largest small block.
pub(crate) const SMALL_MAX: usize = 512;
const NUM_CLASSES: usize = SMALL_MAX / ALIGN;
const PAGE_SHIFT: usize = 14;
const PAGE_SIZE: usize = 1 << PAGE_SHIFT;
const ARENA_SHIFT: usize = 20;
const ARENA_SIZE: usize = 1 << ARENA_SHIFT;
/// Blocks start this far into a page (the header, rounded to the alignment).
const PAGE_DATA: usize = 64;

/// The head of every small-block page.
#[repr(C)]
struct Page {
    heap: *mut Heap,
    /// Size class index (block size is `(class + 1) * ALIGN`).
    class: u32,
    /// Blocks handed out and not freed.
    used: u32,
    /// Freed blocks of this page.
    free: *mut FreeBlock,
    /// Bytes of this page not yet carved into blocks start here (0: none left).
    bump: u32,
    /// Whether the page is on its class's list of pages with room.
    listed: bool,
    prev: *mut Page,
    next: *mut Page,
}

const _: () = assert!(std::mem::size_of::<Page>() <= PAGE_DATA);

struct FreeBlock {
    next: *mut FreeBlock,
}

/// The header in front of a large block.
#[repr(C)]
struct Large {
    /// NULL for a block allocated with no heap (no thread state attached).
    heap: *mut Heap,
    prev: *mut Large,
    next: *mut Large,
    size: usize,
}

const LARGE_HEADER: usize = std::mem::size_of::<Large>();
const _: () = assert!(LARGE_HEADER % ALIGN == 0);

/// What a heap holds, for leak checks and benchmarks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct HeapStats {
    /// Blocks handed out and not freed.
    pub(crate) live_blocks: usize,
    /// Their requested sizes, summed.
    pub(crate) live_bytes: usize,
    /// 1 MiB arenas held.
    pub(crate) arenas: usize,
    /// Large blocks held.
    pub(crate) large_blocks: usize,
}

/// An interpreter's memory. Used only under that interpreter's GIL.
pub(crate) struct Heap {
    /// Per size class: pages that have room, most recently freed-into first.
    partial: [*mut Page; NUM_CLASSES],
    /// Pages with nothing in use, ready for any class.
    empty: *mut Page,
    arenas: Vec<*mut u8>,
    /// Pages of the newest arena not handed out yet.
    fresh_next: *mut u8,
    fresh_end: *mut u8,
    large: *mut Large,
    stats: HeapStats,
}

// SAFETY: a heap is only touched by the thread holding its interpreter's GIL; the raw
// pointers are its own memory.
unsafe impl Send for Heap {}

impl Heap {
    pub(crate) fn new() -> Heap {
        Heap {
            partial: [null_mut(); NUM_CLASSES],
            empty: null_mut(),
            arenas: Vec::new(),
            fresh_next: null_mut(),
            fresh_end: null_mut(),
            large: null_mut(),
            stats: HeapStats::default(),
        }
    }

    /// What the heap holds. The live counts are summed from the page headers and the
    /// large-block list here rather than kept on every allocation and free: that kept
    /// four read-modify-writes on the hottest path for a number read by tests and tools.
    pub(crate) fn stats(&self) -> HeapStats {
        let mut st = HeapStats { arenas: self.arenas.len(), ..self.stats };
        for &arena in &self.arenas {
            // Pages are carved from the start of each arena; the newest stops at fresh_next.
            let end =
                if arena == self.newest_arena() { self.fresh_next } else { arena.wrapping_add(ARENA_SIZE) };
            let mut page = arena;
            while page < end {
                // SAFETY: a carved page of this heap; its header is initialized (an emptied
                // page keeps `used` at 0).
                let p = unsafe { &*(page as *const Page) };
                st.live_blocks += p.used as usize;
                st.live_bytes += p.used as usize * block_size(p.class as usize);
                page = page.wrapping_add(PAGE_SIZE);
            }
        }
        let mut h = self.large;
        while !h.is_null() {
            // SAFETY: the large list links live blocks of this heap.
            unsafe {
                st.live_blocks += 1;
                st.live_bytes += (*h).size;
                h = (*h).next;
            }
        }
        st
    }

    fn newest_arena(&self) -> *mut u8 {
        self.arenas.last().copied().unwrap_or(null_mut())
    }

    /// Allocates `size` bytes (at least 1), 16-byte aligned. NULL when out of memory.
    #[inline]
    pub(crate) fn alloc(&mut self, size: usize) -> *mut u8 {
        if size <= SMALL_MAX {
            self.alloc_small(size)
        } else {
            self.alloc_large(size)
        }
    }

    // Always inlined: both `malloc` and `malloc_for` (the GC allocation path) are hot.
    #[inline(always)]
    fn alloc_small(&mut self, size: usize) -> *mut u8 {
        let class = size.max(1).div_ceil(ALIGN) - 1;
        let page = self.partial[class];
        if page.is_null() {
            return self.alloc_small_slow(class);
        }
        // SAFETY: pages on the partial lists are live pages of this heap with room.
        unsafe {
            let p = &mut *page;
            let block = if !p.free.is_null() {
                let b = p.free;
                p.free = (*b).next;
                b as *mut u8
            } else {
                let b = (page as *mut u8).add(p.bump as usize);
                let bs = block_size(class);
                p.bump = if (p.bump as usize) + 2 * bs <= PAGE_SIZE { p.bump + bs as u32 } else { 0 };
                b
            };
            p.used += 1;
            if p.free.is_null() && p.bump == 0 {
                self.unlist(page);
            }
            block
        }
    }

    #[cold]
    fn alloc_small_slow(&mut self, class: usize) -> *mut u8 {
        let page = self.take_page();
        if page.is_null() {
            return null_mut();
        }
        // SAFETY: a page we own and nobody else uses.
        unsafe {
            let p = &mut *page;
            p.heap = self;
            p.class = class as u32;
            p.used = 0;
            p.free = null_mut();
            p.bump = PAGE_DATA as u32;
            p.listed = false;
            self.list(page);
        }
        self.alloc_small(block_size(class))
    }

    /// An empty page: a recycled one, else one from the newest arena, else a new arena.
    fn take_page(&mut self) -> *mut Page {
        if !self.empty.is_null() {
            let page = self.empty;
            // SAFETY: the empty list links live, unused pages.
            self.empty = unsafe { (*page).next };
            return page;
        }
        if self.fresh_next == self.fresh_end {
            let arena = new_arena();
            if arena.is_null() {
                return null_mut();
            }
            self.arenas.push(arena);
            self.fresh_next = arena;
            // SAFETY: within the arena just mapped.
            self.fresh_end = unsafe { arena.add(ARENA_SIZE) };
        }
        let page = self.fresh_next as *mut Page;
        // SAFETY: `fresh_next` < `fresh_end` and both lie in the arena.
        self.fresh_next = unsafe { self.fresh_next.add(PAGE_SIZE) };
        page
    }

    fn list(&mut self, page: *mut Page) {
        // SAFETY: `page` is a live page of this heap; list heads are this heap's.
        unsafe {
            let class = (*page).class as usize;
            let head = self.partial[class];
            (*page).prev = null_mut();
            (*page).next = head;
            if !head.is_null() {
                (*head).prev = page;
            }
            self.partial[class] = page;
            (*page).listed = true;
        }
    }

    fn unlist(&mut self, page: *mut Page) {
        // SAFETY: `page` is on its class's list.
        unsafe {
            let p = &mut *page;
            if p.prev.is_null() {
                self.partial[p.class as usize] = p.next;
            } else {
                (*p.prev).next = p.next;
            }
            if !p.next.is_null() {
                (*p.next).prev = p.prev;
            }
            p.listed = false;
        }
    }

    /// Frees a small block of this heap.
    ///
    /// # Safety
    /// `block` was allocated small by this heap and not freed since.
    #[inline]
    unsafe fn free_small(&mut self, block: *mut u8, page: *mut Page) {
        // SAFETY: per caller, `page` is the block's page and belongs to this heap.
        unsafe {
            let p = &mut *page;
            let b = block as *mut FreeBlock;
            (*b).next = p.free;
            p.free = b;
            p.used -= 1;
            if p.used == 0 && !(p.listed && p.prev.is_null() && p.next.is_null()) {
                // Empty: give the page back for any size class, unless it is its class's
                // only page with room. Keeping that one stops a loop that allocates and
                // frees one block from re-making the page every time (CPython's obmalloc
                // keeps its last empty pool for the same reason).
                if p.listed {
                    self.unlist(page);
                }
                p.next = self.empty;
                self.empty = page;
            } else if !p.listed {
                self.list(page);
            }
        }
    }

    #[cold]
    fn alloc_large(&mut self, size: usize) -> *mut u8 {
        let Some(total) = size.checked_add(LARGE_HEADER) else { return null_mut() };
        // SAFETY: malloc with a valid size; glibc's alignment (16) covers ALIGN.
        let h = unsafe { libc::malloc(total) } as *mut Large;
        if h.is_null() {
            return null_mut();
        }
        // SAFETY: `h` is a fresh block of at least LARGE_HEADER bytes.
        unsafe {
            h.write(Large { heap: self, prev: null_mut(), next: self.large, size });
            if !self.large.is_null() {
                (*self.large).prev = h;
            }
            self.large = h;
            self.stats.large_blocks += 1;
            (h as *mut u8).add(LARGE_HEADER)
        }
    }

    /// # Safety
    /// `h` is a large block of this heap.
    unsafe fn unlink_large(&mut self, h: *mut Large) {
        // SAFETY: per caller; neighbours are live blocks of this heap.
        unsafe {
            let l = &*h;
            if l.prev.is_null() {
                self.large = l.next;
            } else {
                (*l.prev).next = l.next;
            }
            if !l.next.is_null() {
                (*l.next).prev = l.prev;
            }
        }
        self.stats.large_blocks -= 1;
    }
}

impl Drop for Heap {
    /// The interpreter is gone: everything it allocated goes, leaked or not.
    fn drop(&mut self) {
        let mut h = self.large;
        while !h.is_null() {
            // SAFETY: the large list links blocks this heap allocated with malloc.
            unsafe {
                let next = (*h).next;
                libc::free(h as *mut c_void);
                h = next;
            }
        }
        for &arena in &self.arenas {
            free_arena(arena);
        }
    }
}

#[inline]
fn block_size(class: usize) -> usize {
    (class + 1) * ALIGN
}

#[inline]
fn page_of(p: *mut u8) -> *mut Page {
    ((p as usize) & !(PAGE_SIZE - 1)) as *mut Page
}

// ---------------------------------------------------------------------------------------
// The arena map: which 1 MiB slots of the address space hold arenas.
// ---------------------------------------------------------------------------------------

const L1_BITS: usize = 14;
const L2_BITS: usize = 48 - ARENA_SHIFT - L1_BITS;

/// A two-level radix table over 1 MiB address slots (48-bit user addresses). Set and
/// cleared under the owning heap's GIL when arenas come and go; read lock-free by frees.
/// Both levels are allocated on first use and live as long as the process.
pub(crate) struct ArenaMap {
    root: AtomicPtr<[AtomicPtr<L2>; 1 << L1_BITS]>,
}

type L2 = [AtomicU8; 1 << L2_BITS];

impl ArenaMap {
    pub(crate) const fn new() -> ArenaMap {
        ArenaMap { root: AtomicPtr::new(null_mut()) }
    }

    #[inline]
    fn slot(addr: usize) -> (usize, usize) {
        (
            (addr >> (ARENA_SHIFT + L2_BITS)) & ((1 << L1_BITS) - 1),
            (addr >> ARENA_SHIFT) & ((1 << L2_BITS) - 1),
        )
    }

    #[inline]
    pub(crate) fn contains(&self, addr: usize) -> bool {
        if addr >> 48 != 0 {
            return false;
        }
        let (i, j) = Self::slot(addr);
        let root = self.root.load(Acquire);
        if root.is_null() {
            return false;
        }
        // SAFETY: published tables are never freed.
        let l2 = unsafe { (*root)[i].load(Acquire) };
        // SAFETY: as above.
        !l2.is_null() && unsafe { (*l2)[j].load(Relaxed) } != 0
    }

    fn set(&self, addr: usize, on: bool) {
        let (i, j) = Self::slot(addr);
        let root = publish(&self.root, || Box::new([const { AtomicPtr::new(null_mut()) }; 1 << L1_BITS]));
        // SAFETY: published tables live for the process.
        let l2 = publish(unsafe { &(*root)[i] }, || Box::new([const { AtomicU8::new(0) }; 1 << L2_BITS]));
        // SAFETY: as above.
        unsafe { (*l2)[j].store(u8::from(on), Release) };
    }
}

/// The table `slot` points to, allocated and published first if it is NULL.
fn publish<T>(slot: &AtomicPtr<T>, make: impl FnOnce() -> Box<T>) -> *mut T {
    let cur = slot.load(Acquire);
    if !cur.is_null() {
        return cur;
    }
    let fresh = Box::into_raw(make());
    match slot.compare_exchange(null_mut(), fresh, AcqRel, Acquire) {
        Ok(_) => fresh,
        Err(existing) => {
            // SAFETY: ours, never published.
            drop(unsafe { Box::from_raw(fresh) });
            existing
        }
    }
}

fn arena_map() -> &'static ArenaMap {
    &crate::runtime::RUNTIME.arena_map
}

/// Maps a 1 MiB-aligned arena (by over-mapping and trimming) and records it in the map.
fn new_arena() -> *mut u8 {
    // SAFETY: anonymous private mapping; no file, no fixed address.
    let raw = unsafe {
        libc::mmap(
            null_mut(),
            2 * ARENA_SIZE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if raw == libc::MAP_FAILED {
        return null_mut();
    }
    let start = raw as usize;
    let aligned = (start + ARENA_SIZE - 1) & !(ARENA_SIZE - 1);
    // SAFETY: trimming the unaligned head and tail of our own mapping.
    unsafe {
        if aligned > start {
            libc::munmap(raw, aligned - start);
        }
        let tail = start + 2 * ARENA_SIZE - (aligned + ARENA_SIZE);
        if tail > 0 {
            libc::munmap((aligned + ARENA_SIZE) as *mut c_void, tail);
        }
    }
    arena_map().set(aligned, true);
    crate::runtime::RUNTIME.live_arenas.fetch_add(1, Relaxed);
    aligned as *mut u8
}

fn free_arena(arena: *mut u8) {
    arena_map().set(arena as usize, false);
    crate::runtime::RUNTIME.live_arenas.fetch_sub(1, Relaxed);
    // SAFETY: an arena we mapped, unmapped once.
    unsafe { libc::munmap(arena as *mut c_void, ARENA_SIZE) };
}

// ---------------------------------------------------------------------------------------
// The entry points: the calling thread's heap, or malloc when it has none.
// ---------------------------------------------------------------------------------------

/// The heap of the calling thread's attached thread state, if any.
#[inline]
fn current_heap() -> *mut Heap {
    let ts = crate::tstate::current();
    if ts.is_null() {
        null_mut()
    } else {
        // SAFETY: the attached thread state is live.
        unsafe { (*ts).heap() }
    }
}

/// Allocates `size` bytes for the calling thread's interpreter (16-byte aligned; NULL when
/// out of memory; `size` 0 gives a unique pointer, as CPython's).
#[inline]
pub(crate) fn malloc(size: usize) -> *mut u8 {
    #[cfg(feature = "system-malloc")]
    // SAFETY: malloc with a valid size (glibc and mimalloc align to 16).
    return unsafe { libc::malloc(size.max(1)) } as *mut u8;
    #[allow(unreachable_code)]
    let heap = current_heap();
    if heap.is_null() {
        return malloc_ownerless(size);
    }
    // SAFETY: the current interpreter's heap, under its GIL.
    unsafe { (*heap).alloc(size) }
}

/// [`malloc`] for a caller that already holds the attached thread state `ts` (saves
/// reading it again: the GC allocation path reads it once for the heap and its counts).
#[inline(always)]
pub(crate) fn malloc_for(ts: &crate::tstate::ThreadState, size: usize) -> *mut u8 {
    #[cfg(feature = "system-malloc")]
    return malloc(size);
    #[allow(unreachable_code)]
    let heap = ts.heap();
    if heap.is_null() {
        return malloc_ownerless(size);
    }
    // SAFETY: the attached thread state's heap, under its GIL.
    unsafe { (*heap).alloc(size) }
}

#[cold]
fn malloc_ownerless(size: usize) -> *mut u8 {
    let Some(total) = size.checked_add(LARGE_HEADER) else { return null_mut() };
    // SAFETY: malloc with a valid size.
    let h = unsafe { libc::malloc(total) } as *mut Large;
    if h.is_null() {
        return null_mut();
    }
    // SAFETY: a fresh block of at least LARGE_HEADER bytes.
    unsafe {
        h.write(Large { heap: null_mut(), prev: null_mut(), next: null_mut(), size });
        (h as *mut u8).add(LARGE_HEADER)
    }
}

/// Like [`malloc`], zeroed; NULL if `n * size` overflows.
pub(crate) fn calloc(n: usize, size: usize) -> *mut u8 {
    let Some(total) = n.checked_mul(size) else { return null_mut() };
    let p = malloc(total);
    if !p.is_null() {
        // SAFETY: `p` has room for `total` bytes.
        unsafe { ptr::write_bytes(p, 0, total) };
    }
    p
}

/// Frees a block from [`malloc`]. NULL is fine.
///
/// # Safety
/// `p` is NULL or came from [`malloc`]/[`calloc`]/[`realloc`] and was not freed since.
#[inline]
pub(crate) unsafe fn free(p: *mut u8) {
    if p.is_null() {
        return;
    }
    #[cfg(feature = "system-malloc")]
    // SAFETY: every block came from libc::malloc in this build.
    return unsafe { libc::free(p as *mut c_void) };
    #[allow(unreachable_code)]
    if arena_map().contains(p as usize) {
        let page = page_of(p);
        // SAFETY: arena memory holds pages; the header names the owning heap. Freeing into
        // another interpreter's heap only happens if C code moved an object across
        // interpreters, which the API forbids.
        unsafe { (*(*page).heap).free_small(p, page) };
    } else {
        // SAFETY: per the contract, a large or ownerless block with its header in front.
        unsafe { free_large(p) };
    }
}

#[cold]
unsafe fn free_large(p: *mut u8) {
    // SAFETY: per `free`'s contract.
    unsafe {
        let h = p.sub(LARGE_HEADER) as *mut Large;
        let heap = (*h).heap;
        if !heap.is_null() {
            (*heap).unlink_large(h);
        }
        libc::free(h as *mut c_void);
    }
}

/// The usable size of a block (what it was allocated with, rounded up for small ones).
///
/// # Safety
/// As [`free`], and not NULL.
unsafe fn block_capacity(p: *mut u8) -> usize {
    if arena_map().contains(p as usize) {
        // SAFETY: arena memory holds pages.
        block_size(unsafe { (*page_of(p)).class } as usize)
    } else {
        // SAFETY: a large or ownerless block.
        unsafe { (*(p.sub(LARGE_HEADER) as *mut Large)).size }
    }
}

/// Resizes a block, keeping its contents up to the smaller size; NULL `p` allocates. On
/// failure returns NULL and leaves `p` as it was.
///
/// # Safety
/// As [`free`].
pub(crate) unsafe fn realloc(p: *mut u8, size: usize) -> *mut u8 {
    #[cfg(feature = "system-malloc")]
    // SAFETY: `p` is NULL or came from libc::malloc in this build.
    return unsafe { libc::realloc(p as *mut c_void, size.max(1)) } as *mut u8;
    #[allow(unreachable_code)]
    if p.is_null() {
        return malloc(size);
    }
    if size > SMALL_MAX && !arena_map().contains(p as usize) {
        // SAFETY: per contract, a large or ownerless block.
        return unsafe { realloc_large(p, size) };
    }
    // SAFETY: per contract.
    let cap = unsafe { block_capacity(p) };
    if size <= cap && (size > SMALL_MAX || cap <= SMALL_MAX) && size * 2 > cap {
        // Fits, and not so much smaller that it is worth moving.
        return p;
    }
    let q = malloc(size);
    if !q.is_null() {
        // SAFETY: both blocks are valid for the bytes copied.
        unsafe {
            ptr::copy_nonoverlapping(p, q, cap.min(size));
            free(p);
        }
    }
    q
}

/// Resizes a large (or ownerless) block to another large size with the C library's
/// `realloc`, which grows in place or remaps where it can (a growing list or dict table
/// would otherwise be copied at every step), then repairs its heap's links.
///
/// # Safety
/// `p` is a live large or ownerless block.
unsafe fn realloc_large(p: *mut u8, size: usize) -> *mut u8 {
    let Some(total) = size.checked_add(LARGE_HEADER) else { return null_mut() };
    // SAFETY: per caller, the header sits in front of `p` and came from libc::malloc.
    unsafe {
        let h = p.sub(LARGE_HEADER) as *mut Large;
        let n = libc::realloc(h as *mut c_void, total) as *mut Large;
        if n.is_null() {
            return null_mut();
        }
        (*n).size = size;
        if n != h && !(*n).heap.is_null() {
            let heap = (*n).heap;
            if (*n).prev.is_null() {
                (*heap).large = n;
            } else {
                (*(*n).prev).next = n;
            }
            if !(*n).next.is_null() {
                (*(*n).next).prev = n;
            }
        }
        (n as *mut u8).add(LARGE_HEADER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_blocks_are_reused_and_counted() {
        let mut h = Heap::new();
        let a = h.alloc(24);
        let b = h.alloc(24);
        assert!(!a.is_null() && !b.is_null() && a != b);
        assert_eq!(a as usize % ALIGN, 0);
        assert_eq!(h.stats().live_blocks, 2);
        assert!(arena_map().contains(a as usize));
        unsafe { free(a) };
        assert_eq!(h.stats().live_blocks, 1);
        assert_eq!(h.alloc(20), a, "the freed block of the same class comes back first");
    }

    #[test]
    fn pages_are_recycled_across_size_classes() {
        let mut h = Heap::new();
        let blocks: Vec<*mut u8> = (0..5000).map(|_| h.alloc(16)).collect();
        let arenas = h.stats().arenas;
        for &b in &blocks {
            unsafe { free(b) };
        }
        assert_eq!(h.stats().live_blocks, 0);
        let big: Vec<*mut u8> = (0..300).map(|_| h.alloc(512)).collect();
        assert_eq!(h.stats().arenas, arenas, "emptied pages served the other class");
        for b in big {
            unsafe { free(b) };
        }
    }

    #[test]
    fn large_blocks_are_tracked_and_freed_with_the_heap() {
        let mut h = Heap::new();
        let a = h.alloc(10_000);
        let b = h.alloc(600);
        assert!(!arena_map().contains(a as usize));
        assert_eq!(h.stats().large_blocks, 2);
        unsafe { free(a) };
        assert_eq!(h.stats().large_blocks, 1);
        assert_eq!(h.stats().live_bytes, 600);
        drop(h); // frees `b` too
        let _ = b;
    }

    #[test]
    fn realloc_keeps_contents() {
        let mut h = Heap::new();
        let p = h.alloc(32);
        unsafe {
            for i in 0..32 {
                *p.add(i) = i as u8;
            }
            let q = realloc(p, 4000);
            for i in 0..32 {
                assert_eq!(*q.add(i), i as u8);
            }
            let r = realloc(q, 40);
            for i in 0..32 {
                assert_eq!(*r.add(i), i as u8);
            }
            free(r);
        }
        assert_eq!(h.stats().live_blocks, 0);
    }

    #[test]
    fn large_realloc_keeps_contents_and_the_heaps_list() {
        let mut h = Heap::new();
        let (a, b, c) = (h.alloc(1000), h.alloc(2000), h.alloc(3000));
        unsafe {
            ptr::write_bytes(b, 0xab, 2000);
            // Grown far enough to move: the list links around it must follow.
            let b2 = realloc(b, 3 << 20);
            assert!(!b2.is_null());
            assert!((0..2000).all(|i| *b2.add(i) == 0xab));
            let a2 = realloc(a, 5000);
            let c2 = realloc(c, 600);
            assert_eq!(h.stats().large_blocks, 3);
            assert_eq!(h.stats().live_bytes, 5000 + (3 << 20) + 600);
            free(b2);
            assert_eq!(h.stats().live_bytes, 5000 + 600);
            let _ = (a2, c2);
        }
        drop(h); // frees the other two through the repaired list
    }

    #[test]
    fn ownerless_blocks_work_without_a_heap() {
        let p = malloc_ownerless(100);
        unsafe {
            ptr::write_bytes(p, 7, 100);
            free(p);
        }
    }
}
