//! Unit tests of the core through the C entry points. Tests that touch the process-wide
//! runtime hold `RUNTIME_LOCK`, since the test harness runs tests on parallel threads.

use std::ffi::{c_int, c_void, CStr};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::*};
use std::sync::{Arc, Mutex};

use crate::abi::*;
use crate::capi::ceval::*;
use crate::capi::pylifecycle::*;
use crate::capi::pystate::*;
use crate::capi::subinterp::*;

static RUNTIME_LOCK: Mutex<()> = Mutex::new(());

pub(crate) fn lock() -> std::sync::MutexGuard<'static, ()> {
    RUNTIME_LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` with the runtime initialized and the main thread state attached (other tests
/// touching the runtime wait: they share `RUNTIME_LOCK`).
pub(crate) fn with_runtime(f: impl FnOnce()) {
    let _g = lock();
    Py_Initialize();
    f();
    assert_eq!(Py_FinalizeEx(), 0);
}

struct SendPtr(*mut PyThreadState);
// SAFETY: thread states are meant to be handed between threads.
unsafe impl Send for SendPtr {}

#[test]
fn gil_gives_mutual_exclusion_across_threads() {
    let _g = lock();
    Py_Initialize();
    let main = PyEval_SaveThread();
    let interp = unsafe { PyThreadState_GetInterpreter(main) };
    let inside = Arc::new(AtomicUsize::new(0));
    let overlaps = Arc::new(AtomicUsize::new(0));
    let total = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let ts = SendPtr(unsafe { PyThreadState_New(interp) });
            let (inside, overlaps, total) = (inside.clone(), overlaps.clone(), total.clone());
            std::thread::spawn(move || {
                let ts = ts;
                for _ in 0..2000 {
                    unsafe { PyEval_RestoreThread(ts.0) };
                    if inside.fetch_add(1, SeqCst) != 0 {
                        overlaps.fetch_add(1, SeqCst);
                    }
                    total.fetch_add(1, Relaxed);
                    inside.fetch_sub(1, SeqCst);
                    PyEval_SaveThread();
                }
                unsafe {
                    PyThreadState_Clear(ts.0);
                    PyThreadState_Delete(ts.0);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(overlaps.load(SeqCst), 0, "two threads held one GIL at once");
    assert_eq!(total.load(SeqCst), 8000);
    unsafe { PyEval_RestoreThread(main) };
    assert_eq!(Py_FinalizeEx(), 0);
}

#[test]
fn waiter_gets_the_gil_from_a_holder_at_safe_points() {
    let _g = lock();
    Py_Initialize();
    let main = PyEval_SaveThread();
    let interp = unsafe { PyThreadState_GetInterpreter(main) };
    unsafe { Subinterp_SetSwitchInterval(interp, 1000) };
    let waiter_in = Arc::new(AtomicBool::new(false));
    let holder_has_it = Arc::new(AtomicBool::new(false));
    let holder = {
        let ts = SendPtr(unsafe { PyThreadState_New(interp) });
        let (waiter_in, holder_has_it) = (waiter_in.clone(), holder_has_it.clone());
        std::thread::spawn(move || {
            let ts = ts;
            unsafe { PyEval_RestoreThread(ts.0) };
            holder_has_it.store(true, SeqCst);
            // Busy "Python code": only the safe point lets the waiter in.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while !waiter_in.load(SeqCst) && std::time::Instant::now() < deadline {
                Py_MakePendingCalls();
            }
            let saw = waiter_in.load(SeqCst);
            PyThreadState_DeleteCurrent();
            saw
        })
    };
    while !holder_has_it.load(SeqCst) {
        std::thread::yield_now();
    }
    let ts = unsafe { PyThreadState_New(interp) };
    unsafe { PyEval_RestoreThread(ts) }; // blocks until the holder hands over
    waiter_in.store(true, SeqCst);
    PyThreadState_DeleteCurrent();
    assert!(holder.join().unwrap(), "the holder never handed the GIL over");
    unsafe { PyEval_RestoreThread(main) };
    assert_eq!(Py_FinalizeEx(), 0);
}

unsafe extern "C" fn record(arg: *mut c_void) -> c_int {
    let v = unsafe { &*(arg as *const Mutex<Vec<usize>>) };
    let mut g = v.lock().unwrap();
    let n = g.len();
    g.push(n);
    if n == 2 {
        -1
    } else {
        0
    }
}

#[test]
fn pending_calls_run_in_order_and_stop_at_a_failure() {
    let _g = lock();
    Py_Initialize();
    let seen: &'static Mutex<Vec<usize>> = Box::leak(Box::new(Mutex::new(Vec::new())));
    let arg = seen as *const _ as *mut c_void;
    for _ in 0..5 {
        assert_eq!(Py_AddPendingCall(Some(record), arg), 0);
    }
    assert_eq!(Py_MakePendingCalls(), -1); // the third call fails
    assert_eq!(*seen.lock().unwrap(), vec![0, 1, 2]);
    assert_eq!(Py_MakePendingCalls(), 0); // the rest stayed queued
    assert_eq!(seen.lock().unwrap().len(), 5);
    let queued = (0..40).take_while(|_| Py_AddPendingCall(Some(record), arg) == 0).count();
    assert_eq!(queued, crate::interp::MAX_PENDING_MAIN);
    assert_eq!(Py_FinalizeEx(), 0); // finalization runs what is left
}

#[test]
fn stale_interpreter_pointers_are_rejected_not_dereferenced() {
    let _g = lock();
    Py_Initialize();
    let main = PyThreadState_Get();
    let mut sub = std::ptr::null_mut();
    let cfg = PyInterpreterConfig { gil: PyInterpreterConfig_OWN_GIL, ..crate::lifecycle::LEGACY_CONFIG };
    let st = unsafe { Py_NewInterpreterFromConfig(&mut sub, &cfg) };
    assert_eq!(st._type, _PyStatus_TYPE_OK);
    let sub_interp = unsafe { PyThreadState_GetInterpreter(sub) };
    assert_eq!(Subinterp_InterpreterIsAlive(sub_interp), 1);
    assert_eq!(unsafe { Subinterp_EndInterpreter(sub) }, SUBINTERP_OK);
    assert_eq!(Subinterp_InterpreterIsAlive(sub_interp), 0);
    assert_eq!(unsafe { PyInterpreterState_GetID(sub_interp) }, -1);
    assert!(unsafe { PyThreadState_New(sub_interp) }.is_null());
    assert_eq!(unsafe { Subinterp_EndInterpreter(sub) }, SUBINTERP_ERR_INVALID_THREAD_STATE);
    unsafe { PyThreadState_Swap(main) };
    assert_eq!(Py_FinalizeEx(), 0);
    let mut stats = SubinterpStats::default();
    assert_eq!(unsafe { Subinterp_GetStats(&mut stats) }, SUBINTERP_OK);
    assert_eq!((stats.live_interpreters, stats.live_thread_states), (0, 0));
}

#[test]
fn config_errors_use_cpython_texts() {
    let bad_gil = PyInterpreterConfig { gil: 99, ..crate::lifecycle::LEGACY_CONFIG };
    let e = crate::lifecycle::check_config(&bad_gil).unwrap_err();
    assert_eq!(unsafe { CStr::from_ptr(e.err_msg) }, c"invalid interpreter config 'gil' value");
    assert_eq!(unsafe { CStr::from_ptr(e.func) }, c"init_interp_settings");
    let obmalloc = PyInterpreterConfig { use_main_obmalloc: 0, check_multi_interp_extensions: 0, ..bad_gil };
    let e = crate::lifecycle::check_config(&obmalloc).unwrap_err();
    assert_eq!(
        unsafe { CStr::from_ptr(e.err_msg) },
        c"per-interpreter obmalloc does not support single-phase init extension modules"
    );
    assert!(crate::lifecycle::check_config(&crate::lifecycle::LEGACY_CONFIG).is_ok());
}

#[test]
fn every_error_code_has_a_message() {
    for code in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99, 12345] {
        let p = Subinterp_ErrorMessage(code);
        assert!(!p.is_null());
        assert!(!unsafe { CStr::from_ptr(p) }.to_bytes().is_empty());
    }
}

unsafe extern "C" fn nothing(_: *mut c_void) -> c_int {
    0
}

#[test]
fn draining_pending_calls_clears_every_thread_states_flag() {
    let _g = lock();
    Py_Initialize();
    let main = PyThreadState_Get();
    let mut s = std::ptr::null_mut();
    let cfg = PyInterpreterConfig { gil: PyInterpreterConfig_OWN_GIL, ..crate::lifecycle::LEGACY_CONFIG };
    assert_eq!(unsafe { Py_NewInterpreterFromConfig(&mut s, &cfg) }._type, _PyStatus_TYPE_OK);
    let interp = unsafe { PyThreadState_GetInterpreter(s) };
    let other = unsafe { PyThreadState_New(interp) };
    let bit = _PY_CALLS_TO_DO_BIT as usize;
    assert_eq!(
        unsafe { Subinterp_AddPendingCall(interp, Some(nothing), std::ptr::null_mut()) },
        SUBINTERP_OK
    );
    assert_ne!(unsafe { (*s).eval_breaker } & bit, 0);
    assert_ne!(unsafe { (*other).eval_breaker } & bit, 0);
    assert_eq!(Py_MakePendingCalls(), 0);
    assert_eq!(unsafe { (*s).eval_breaker } & bit, 0);
    assert_eq!(unsafe { (*other).eval_breaker } & bit, 0, "a sibling kept the flag");
    unsafe {
        PyThreadState_Clear(other);
        PyThreadState_Delete(other);
        Py_EndInterpreter(s);
        PyThreadState_Swap(main);
    }
    assert_eq!(Py_FinalizeEx(), 0);
}
