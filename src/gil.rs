//! The GIL: one per own-GIL interpreter; shared-GIL interpreters use the main one's.
//!
//! The design is CPython's `ceval_gil.c` (switch interval, drop requests, FORCE_SWITCHING
//! hand-over), rebuilt around one atomic word so the uncontended paths are a single atomic
//! read-modify-write each way:
//!
//! * `state` packs the lock (bits 0-1: free, locked, locked with sleepers) and the switch
//!   number (bits 2..: how many times the GIL was taken). Acquire is one compare-and-swap
//!   from "free"; release is one swap back to "free" with the same switch number (only the
//!   holder changes the number, so it knows it).
//! * A thread that finds the GIL taken sleeps on `cond` for one switch interval. If it
//!   times out and the switch number did not move, it sets the drop-request bit in the
//!   holder's `eval_breaker`; the holder honours it at its next safe point by releasing,
//!   waiting on `switch_cond` until another thread really took the GIL (no convoy: it
//!   cannot grab it straight back), then queueing again.
//! * Finalization: a thread that is not the one finalizing the runtime is never let in
//!   once finalization starts; `acquire` reports it and the caller decides (legacy APIs
//!   park the thread for good, PEP 788 ones fail).

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, Ordering::*};
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use crate::runtime;
use crate::tstate::ThreadState;

const LOCK_MASK: u64 = 0b11;
const FREE: u64 = 0;
const LOCKED: u64 = 1;
/// Locked, and at least one thread sleeps on `cond`: the release must wake one.
const CONTENDED: u64 = 2;
/// One unit of the switch number, which lives above the lock bits.
const SWITCH_ONE: u64 = 4;

/// CPython's default switch interval, in microseconds.
pub(crate) const DEFAULT_INTERVAL_US: u64 = 5000;

/// `acquire` was refused: the runtime is finalizing and this thread is not the finalizer.
#[derive(Debug)]
pub(crate) struct Refused;

/// Bookkeeping only touched under the GIL's mutex.
struct Sleepers {
    /// Threads inside `acquire_slow`.
    waiters: u32,
}

pub(crate) struct Gil {
    state: AtomicU64,
    /// The thread state holding, or last holding, the GIL (CPython's `last_holder`): where
    /// drop requests go. Cleared under `mutex` when that thread state is deleted, so a
    /// waiter that reads it under `mutex` never touches freed memory.
    holder: AtomicPtr<ThreadState>,
    interval_us: AtomicU64,
    mutex: Mutex<Sleepers>,
    cond: Condvar,
    switch_cond: Condvar,
    /// Releasers waiting in `wait_for_switch`; read by every acquirer (one plain load).
    handoff_waiters: AtomicU32,
    /// Set when the interpreter owning this GIL is being deleted: sleepers are refused.
    closed: AtomicBool,
}

impl Gil {
    pub(crate) fn new() -> Gil {
        Gil {
            state: AtomicU64::new(FREE),
            holder: AtomicPtr::new(std::ptr::null_mut()),
            interval_us: AtomicU64::new(DEFAULT_INTERVAL_US),
            mutex: Mutex::new(Sleepers { waiters: 0 }),
            cond: Condvar::new(),
            switch_cond: Condvar::new(),
            handoff_waiters: AtomicU32::new(0),
            closed: AtomicBool::new(false),
        }
    }

    /// Takes the GIL for `ts`, blocking while another thread holds it.
    ///
    /// # Safety
    /// `ts` must be a live thread state that uses this GIL and is not attached anywhere.
    #[inline]
    pub(crate) unsafe fn acquire(&self, ts: *mut ThreadState) -> Result<(), Refused> {
        let s = self.state.load(Relaxed);
        if s & LOCK_MASK == FREE
            && self.state.compare_exchange(s, (s + SWITCH_ONE) | LOCKED, SeqCst, Relaxed).is_ok()
        {
            // SAFETY: forwarded from the caller.
            unsafe { self.took(ts) };
            if runtime::attach_allowed() {
                return Ok(());
            }
            // SAFETY: we hold the GIL for `ts`.
            unsafe { self.release(ts) };
            return Err(Refused);
        }
        // SAFETY: forwarded from the caller.
        unsafe { self.acquire_slow(ts) }
    }

    #[cold]
    unsafe fn acquire_slow(&self, ts: *mut ThreadState) -> Result<(), Refused> {
        let mut g = self.mutex.lock();
        g.waiters += 1;
        let result = loop {
            if !runtime::attach_allowed() || self.closed.load(Acquire) {
                break Err(Refused);
            }
            let s = self.state.load(SeqCst);
            match s & LOCK_MASK {
                FREE => {
                    // Other sleepers keep the "contended" mark so our release wakes one.
                    let lock = if g.waiters > 1 { CONTENDED } else { LOCKED };
                    if self.state.compare_exchange(s, (s + SWITCH_ONE) | lock, SeqCst, Relaxed).is_ok() {
                        break Ok(());
                    }
                    continue;
                }
                // Mark it so the holder's release wakes us; retry if it moved meanwhile.
                LOCKED
                    if self
                        .state
                        .compare_exchange(s, (s & !LOCK_MASK) | CONTENDED, SeqCst, Relaxed)
                        .is_err() =>
                {
                    continue;
                }
                _ => {}
            }
            let switch_before = s & !LOCK_MASK;
            let interval = self.interval();
            if self.cond.wait_for(&mut g, interval).timed_out() {
                let now = self.state.load(SeqCst);
                if now & LOCK_MASK != FREE && now & !LOCK_MASK == switch_before {
                    // A whole interval without a switch: ask the holder to drop it.
                    let h = self.holder.load(Acquire);
                    if !h.is_null() {
                        // SAFETY: `holder` is cleared under this mutex before a thread state
                        // is freed, and we hold the mutex, so `h` is alive.
                        unsafe { (*h).request_drop() };
                    }
                }
            }
        };
        g.waiters -= 1;
        drop(g);
        if result.is_ok() {
            // SAFETY: forwarded from the caller; we now hold the GIL.
            unsafe { self.took(ts) };
        }
        result
    }

    /// Bookkeeping right after taking the GIL.
    #[inline]
    unsafe fn took(&self, ts: *mut ThreadState) {
        self.holder.store(ts, Release);
        // SAFETY: `ts` is live per `acquire`'s contract.
        unsafe { (*ts).clear_drop_request() };
        if self.handoff_waiters.load(SeqCst) != 0 {
            self.notify_switch();
        }
    }

    #[cold]
    fn notify_switch(&self) {
        let _g = self.mutex.lock();
        self.switch_cond.notify_all();
    }

    /// Releases the GIL held by `ts`. If a drop was requested of `ts`, waits (bounded)
    /// until another thread took the GIL, as CPython's FORCE_SWITCHING does.
    ///
    /// # Safety
    /// The calling thread must hold the GIL for `ts`.
    #[inline]
    pub(crate) unsafe fn release(&self, ts: *mut ThreadState) {
        // Only the holder changes the switch number, so it cannot move under us; sleepers
        // only turn LOCKED into CONTENDED.
        let switch = self.state.load(Relaxed) & !LOCK_MASK;
        // SAFETY: `ts` holds the GIL, so it is live.
        let drop_requested = unsafe { (*ts).drop_requested() };
        let old = self.state.swap(switch | FREE, Release);
        if old & LOCK_MASK == CONTENDED {
            self.wake_one();
        }
        if drop_requested {
            // SAFETY: `ts` is still live (the caller owns it).
            unsafe { self.wait_for_switch(ts, switch) };
        }
    }

    #[cold]
    fn wake_one(&self) {
        let _g = self.mutex.lock();
        self.cond.notify_one();
    }

    #[cold]
    unsafe fn wait_for_switch(&self, ts: *mut ThreadState, switch_before: u64) {
        // SAFETY: per caller.
        unsafe { (*ts).clear_drop_request() };
        let mut g = self.mutex.lock();
        self.handoff_waiters.fetch_add(1, SeqCst);
        while g.waiters > 0
            && self.state.load(SeqCst) & !LOCK_MASK == switch_before
            && runtime::attach_allowed()
            && !self.closed.load(Acquire)
        {
            // Bounded wait: even a missed notification costs one interval, never a hang.
            let interval = self.interval();
            self.switch_cond.wait_for(&mut g, interval);
        }
        self.handoff_waiters.fetch_sub(1, SeqCst);
    }

    /// If `ts` was asked to drop the GIL, hands it over and takes it back (a safe point).
    ///
    /// # Safety
    /// The calling thread must hold the GIL for `ts`.
    pub(crate) unsafe fn yield_if_requested(&self, ts: *mut ThreadState) -> Result<(), Refused> {
        // SAFETY: per caller.
        unsafe {
            if !(*ts).drop_requested() {
                return Ok(());
            }
            self.release(ts);
            self.acquire(ts)
        }
    }

    /// Forgets `ts` as the last holder; called before `ts` is freed.
    pub(crate) fn forget_holder(&self, ts: *mut ThreadState) {
        let _g = self.mutex.lock();
        let _ = self.holder.compare_exchange(ts, std::ptr::null_mut(), AcqRel, Relaxed);
    }

    /// Wakes every sleeper, so they notice finalization.
    pub(crate) fn wake_all(&self) {
        let _g = self.mutex.lock();
        self.cond.notify_all();
        self.switch_cond.notify_all();
    }

    /// Before the GIL is freed: refuse sleepers and wait until none is inside `acquire`
    /// or `release` any more. Only finalization and interpreter deletion get here, and new
    /// callers are refused, so the wait is short.
    pub(crate) fn close_and_drain(&self) {
        self.closed.store(true, Release);
        loop {
            {
                let g = self.mutex.lock();
                if g.waiters == 0 && self.handoff_waiters.load(SeqCst) == 0 {
                    return;
                }
                self.cond.notify_all();
                self.switch_cond.notify_all();
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    pub(crate) fn interval(&self) -> Duration {
        Duration::from_micros(self.interval_us.load(Relaxed))
    }

    pub(crate) fn interval_us(&self) -> u64 {
        self.interval_us.load(Relaxed)
    }

    pub(crate) fn set_interval_us(&self, us: u64) {
        self.interval_us.store(us, Relaxed);
    }

    /// How many times the GIL has been taken (CPython's `switch_number`).
    pub(crate) fn switch_number(&self) -> u64 {
        self.state.load(Relaxed) >> 2
    }

    /// Whether some thread holds the GIL right now.
    pub(crate) fn is_locked(&self) -> bool {
        self.state.load(Acquire) & LOCK_MASK != FREE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switch_number_lives_above_lock_bits() {
        let g = Gil::new();
        assert_eq!(g.switch_number(), 0);
        assert!(!g.is_locked());
        g.state.store((3 * SWITCH_ONE) | LOCKED, Relaxed);
        assert_eq!(g.switch_number(), 3);
        assert!(g.is_locked());
    }
}
