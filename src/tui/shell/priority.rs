//! Background threads run below the UI thread: on a machine with few cores, a save being
//! serialised and a panel being built at once would otherwise take the cores when a key
//! comes, and the key's frame would wait for the scheduler to give the loop a turn (a few
//! milliseconds, far above a frame). A higher nice value leaves the loop's thread the larger
//! share, and unlike an idle policy never starves a thread when other programs keep the
//! machine busy: the writer of annotation files is only a little nicer ([`Nice::Writer`]),
//! so a save never waits long for other work. The panel builder alone runs under
//! SCHED_IDLE: starving it costs nothing, since the next key builds the panel itself.

// Calls into libc that take integers, and one a pointer to a value on the stack.
#![allow(unsafe_code)]

/// How a background thread yields to the loop's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nice {
    /// The writer of annotation files: a little (nice +5).
    Writer,
    /// Workers (fetches, detection, searches): more (nice +10).
    Worker,
    /// The panel builder: only when nothing else wants the core (SCHED_IDLE).
    Idle,
}

/// Lowers the calling thread's priority as `nice` says (Linux, where it belongs to the
/// thread; elsewhere it belongs to the whole process, which is left as it is). Best effort:
/// a thread whose priority cannot be changed runs as before.
pub fn lower_this_thread(nice: Nice) {
    #[cfg(not(target_os = "linux"))]
    let _ = nice;
    #[cfg(target_os = "linux")]
    if nice == Nice::Idle {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `param` lives across the call, which only reads it; `pid` 0 is the
        // calling thread.
        let _ = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) };
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let by: libc::c_int = match nice {
            Nice::Writer => 5,
            Nice::Worker | Nice::Idle => 10,
        };
        // SAFETY: getpriority and setpriority take no pointers; `who` 0 is the calling
        // thread.
        let current = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        // SAFETY: as above, integers only.
        let _ = unsafe {
            libc::setpriority(
                libc::PRIO_PROCESS,
                0,
                current.max(0).saturating_add(by).min(19),
            )
        };
    }
}
