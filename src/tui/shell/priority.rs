//! Background threads run below the UI thread: on a machine with few cores, a save being
//! serialised and a panel being built at once would otherwise take both cores when a key
//! comes, and the key's frame would wait for the scheduler to give the loop a turn (a few
//! milliseconds, far above a frame). On Linux they run under SCHED_IDLE, which any thread of
//! normal priority preempts as soon as it wakes; the loop waits for input most of the time,
//! so they still have the cores then.

// One call into libc, with a pointer to a value on the stack.
#![allow(unsafe_code)]

/// Lowers the calling thread's priority (Linux, where the policy belongs to the thread).
/// Best effort: a thread whose policy cannot be changed runs as before.
pub fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `param` lives across the call, which only reads it; `pid` 0 is the
        // calling thread.
        let _ = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
    }
}
