//! Ending gloss when its terminal goes away. When the terminal window closes or an SSH
//! connection drops, reads of the terminal return end-of-file at once, forever, and the
//! terminal library's event loop spins on them without returning, so the loop never sees
//! SIGHUP. A watcher thread notices the hang-up itself (and a stop signal the loop did not
//! act on) and ends the process. Nothing is lost: every change is saved when it is made, and
//! the annotation file locks go with the process.

use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long the event loop has to end by itself after SIGTERM or SIGHUP.
const GRACE: Duration = Duration::from_secs(2);

/// The flag SIGTERM and SIGHUP set (a closed terminal window, `kill`): the event loops end
/// like q does when they see it. The first call registers the handlers and starts the
/// watcher.
pub fn stop_flag() -> std::io::Result<Arc<AtomicBool>> {
    static STOP: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    if let Some(stop) = STOP.get() {
        return Ok(stop.clone());
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, stop.clone())?;
    }
    watch(stop.clone());
    Ok(STOP.get_or_init(|| stop).clone())
}

/// Starts the watcher; `stop` is the flag the signal handlers set.
fn watch(stop: Arc<AtomicBool>) {
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return;
    };
    std::thread::spawn(move || {
        let mut stopped_at: Option<Instant> = None;
        loop {
            if hung_up(&tty, 200) {
                super::pending_note::save_to_disk();
                std::process::exit(129);
            }
            if stop.load(Ordering::Relaxed) {
                let since = *stopped_at.get_or_insert_with(Instant::now);
                if since.elapsed() > GRACE {
                    super::pending_note::save_to_disk();
                    let _ = crossterm::execute!(
                        std::io::stdout(),
                        crossterm::event::DisableBracketedPaste
                    );
                    ratatui::restore();
                    std::process::exit(143);
                }
            }
        }
    });
}

/// Waits up to `timeout_ms` for the terminal to hang up; true when it has.
///
/// crossterm does not report a terminal that was closed (crossterm-rs/crossterm#793): its
/// event reader keeps waiting. Until it does, the terminal is polled here for a hang-up;
/// this function (and its `unsafe`) can go when that issue is fixed.
#[allow(unsafe_code)]
fn hung_up(tty: &std::fs::File, timeout_ms: i32) -> bool {
    let mut fds = libc::pollfd {
        fd: tty.as_raw_fd(),
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd for the duration of the call; the fd is owned by `tty`.
    let ready = unsafe { libc::poll(&mut fds, 1, timeout_ms) };
    if ready < 0 {
        // Interrupted by a signal: not a hang-up. Avoid spinning on a persistent error.
        std::thread::sleep(Duration::from_millis(timeout_ms as u64));
        return false;
    }
    ready > 0 && fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}
