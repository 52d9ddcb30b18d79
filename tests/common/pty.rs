//! The real binary in a pseudo-terminal, its output read by a terminal emulator (vt100), so
//! end-to-end tests need no tmux: keys go in as bytes, the screen comes out as text.
#![allow(dead_code)]
// The pty's master descriptor is written and polled directly with libc (portable-pty's own
// writer types a newline and ^D when dropped); each block has its SAFETY comment.
#![allow(unsafe_code)]

use std::io::Read;
use std::num::NonZeroU16;
use std::os::fd::RawFd;
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long [`Term::wait_for`] waits before failing.
const PATIENCE: Duration = Duration::from_secs(15);

/// A program running in a pseudo-terminal of its own.
pub struct Term {
    master: Option<Box<dyn MasterPty + Send>>,
    reader: Option<Box<dyn Read + Send>>,
    /// The master's descriptor, written to directly: portable-pty's writer types a newline
    /// and an end-of-file character when dropped, which a real terminal closing never does.
    fd: RawFd,
    child: Box<dyn Child + Send + Sync>,
    parser: vt100::Parser,
    /// Every byte the program wrote, for tests about what reached the terminal.
    pub raw: Vec<u8>,
}

fn size(width: u16, height: u16) -> PtySize {
    PtySize {
        rows: height,
        cols: width,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn non_zero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}

impl Term {
    /// Starts `program args` at `width`x`height` with its files under `home`, and `env` set
    /// on top of the usual variables.
    pub fn start(
        home: &Path,
        program: &Path,
        args: &[&str],
        width: u16,
        height: u16,
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(size(width, height))
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(home);
        command.env_clear();
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.env("HOME", home);
        command.env("XDG_CONFIG_HOME", home.join("config"));
        command.env("XDG_DATA_HOME", home.join("data"));
        command.env("XDG_STATE_HOME", home.join("state"));
        command.env("TERM", "xterm-256color");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(command)
            .expect("the program starts");
        // Only the child holds the terminal's other end, so closing ours hangs it up.
        drop(pair.slave);
        let reader = pair.master.try_clone_reader().unwrap();
        let fd = pair.master.as_raw_fd().expect("a unix pseudo-terminal");
        set_nonblocking(fd);
        Self {
            master: Some(pair.master),
            reader: Some(reader),
            fd,
            child,
            parser: vt100::Parser::new(non_zero(height), non_zero(width), 0),
            raw: Vec::new(),
        }
    }

    /// Reads whatever the program has written so far into the emulator.
    fn pump(&mut self) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let mut buf = [0u8; 65536];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    self.raw.extend_from_slice(&buf[..n]);
                }
                // WouldBlock: nothing more for now; EIO: the program has gone.
                Err(_) => return,
            }
        }
    }

    /// Sends each key: a tmux-style name (Enter, Escape, Tab, BSpace, Up, Down, C-c) or
    /// literal text.
    pub fn keys(&mut self, keys: &[&str]) {
        for key in keys {
            let bytes: Vec<u8> = match *key {
                "Enter" => b"\r".to_vec(),
                "Escape" => b"\x1b".to_vec(),
                "Tab" => b"\t".to_vec(),
                "BSpace" => b"\x7f".to_vec(),
                "Up" => b"\x1b[A".to_vec(),
                "Down" => b"\x1b[B".to_vec(),
                "C-c" => b"\x03".to_vec(),
                text => text.as_bytes().to_vec(),
            };
            self.send(&bytes);
            // Lets a lone Escape be read as the Esc key, not the start of a sequence.
            std::thread::sleep(Duration::from_millis(60));
            self.pump();
        }
    }

    /// Writes `bytes` to the program's terminal as they are.
    pub fn send(&mut self, mut bytes: &[u8]) {
        assert!(self.master.is_some(), "the terminal is open");
        while !bytes.is_empty() {
            // SAFETY: writes from a live slice to the master descriptor, open while `master`
            // is.
            let n = unsafe { libc::write(self.fd, bytes.as_ptr().cast(), bytes.len()) };
            if n < 0 {
                let error = std::io::Error::last_os_error();
                assert_eq!(error.kind(), std::io::ErrorKind::WouldBlock, "{error}");
                std::thread::sleep(Duration::from_millis(5));
                continue;
            }
            bytes = &bytes[n as usize..];
        }
    }

    /// Pastes `text` as a terminal does when bracketed paste is on.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
        std::thread::sleep(Duration::from_millis(60));
        self.pump();
    }

    /// The screen as text, one line per row.
    pub fn screen(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    /// The emulator's state (alternate screen, bracketed paste, cells with attributes).
    pub fn emulator(&mut self) -> &vt100::Screen {
        self.pump();
        self.parser.screen()
    }

    /// Waits until the screen contains `needle`, returning the screen.
    pub fn wait_for(&mut self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {needle:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal, as when its window is resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.pump();
        if let Some(master) = &self.master {
            master.resize(size(width, height)).unwrap();
        }
        self.parser.set_size(non_zero(height), non_zero(width));
    }

    /// Whether the terminal echoes and reads whole lines (as a shell leaves it), rather
    /// than being in raw mode.
    pub fn cooked(&self) -> bool {
        // SAFETY: tcgetattr on the open master descriptor into a zeroed termios owned here.
        let settings = unsafe {
            let mut settings: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(self.fd, &mut settings), 0);
            settings
        };
        settings.c_lflag & libc::ECHO != 0 && settings.c_lflag & libc::ICANON != 0
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Waits for the program to exit and returns its exit code (128 + n for signal n is not
    /// reported as a code: a signal death panics).
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump();
                assert!(
                    status.signal().is_none(),
                    "the program died of {:?}",
                    status.signal()
                );
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let screen = self.parser.screen().contents();
                panic!("the program did not exit; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// How the program ended, once it has ("code N" or "signal S"); `None` while it runs.
    pub fn ended(&mut self) -> Option<String> {
        let status = self.child.try_wait().ok()??;
        Some(match status.signal() {
            Some(signal) => format!("signal {signal}"),
            None => format!("code {}", status.exit_code()),
        })
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Closes the terminal, as when its window is closed: the program gets SIGHUP and its
    /// reads fail.
    pub fn hang_up(&mut self) {
        self.reader = None;
        self.master = None;
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn set_nonblocking(fd: RawFd) {
    // SAFETY: fcntl on a descriptor this process owns; the flags are read before being set.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        assert!(flags >= 0, "fcntl F_GETFL");
        assert!(libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) >= 0);
    }
}
