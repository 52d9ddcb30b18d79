//! Restoring the terminal when gloss dies of a fatal signal: an abort (a stack overflow ends
//! in one, as does a panic while panicking), an illegal instruction, a bus error or a
//! segmentation fault. Panics are handled by the panic hook; these never reach it. The
//! handler only makes async-signal-safe calls: `write` of fixed bytes and `tcsetattr`.

// Signal handlers and terminal settings are only reachable through libc.
#![allow(unsafe_code)]

use std::sync::OnceLock;

/// The terminal's settings before gloss changed them.
static COOKED: OnceLock<libc::termios> = OnceLock::new();

/// The handlers there were before ours for SIGSEGV and SIGBUS (Rust's stack overflow report).
static PREVIOUS: OnceLock<[libc::sigaction; 2]> = OnceLock::new();

/// Leaves the alternate screen, shows the cursor, turns off mouse reporting and bracketed
/// paste.
const RESTORE: &[u8] =
    b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\r\n";

/// Signals that end the process by default, handled here by letting the default happen.
const ENDING: [libc::c_int; 3] = [libc::SIGABRT, libc::SIGILL, libc::SIGFPE];

/// Faults whose previous handler is put back and run when the code caused them (the fault
/// happens again on return).
const FAULTS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

/// Records the terminal's settings as they are now (call before raw mode is entered).
pub fn remember_terminal() {
    // SAFETY: tcgetattr writes into a zeroed termios owned here.
    unsafe {
        let mut settings: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(libc::STDIN_FILENO, &mut settings) == 0 {
            let _ = COOKED.set(settings);
        }
    }
}

/// Installs the handlers (once; later calls do nothing).
pub fn install() {
    if PREVIOUS.get().is_some() {
        return;
    }
    // SAFETY: sigaction with a handler that only makes async-signal-safe calls; the
    // previous actions are read into zeroed structs owned here.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_fatal as *const () as libc::sighandler_t;
        action.sa_flags = libc::SA_ONSTACK | libc::SA_RESETHAND | libc::SA_SIGINFO;
        libc::sigemptyset(&mut action.sa_mask);
        let mut previous: [libc::sigaction; 2] = std::mem::zeroed();
        for (signal, old) in FAULTS.iter().zip(previous.iter_mut()) {
            libc::sigaction(*signal, &action, old);
        }
        let _ = PREVIOUS.set(previous);
        for signal in ENDING {
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

extern "C" fn on_fatal(signal: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: only async-signal-safe calls: write, tcsetattr, sigaction, raise; `info` is the
    // kernel's, valid for the call.
    unsafe {
        libc::write(libc::STDOUT_FILENO, RESTORE.as_ptr().cast(), RESTORE.len());
        if let Some(cooked) = COOKED.get() {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, cooked);
        }
        // A fault the code itself caused has a positive code; one sent with kill has not, and
        // would not happen again on return.
        let real_fault = !info.is_null() && (*info).si_code > 0;
        match FAULTS
            .iter()
            .position(|s| *s == signal)
            .filter(|_| real_fault)
        {
            Some(at) => {
                if let Some(previous) = PREVIOUS.get() {
                    libc::sigaction(signal, &previous[at], std::ptr::null_mut());
                }
            }
            // SA_RESETHAND put the default action back: raised again, it ends the process once
            // this handler returns.
            None => {
                libc::raise(signal);
            }
        }
    }
}
