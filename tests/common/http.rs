//! A tiny HTTP/1.1 server on 127.0.0.1 for tests: each path maps to a response.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// What the server answers for a path.
#[derive(Clone)]
pub enum Reply {
    /// 200 with this content type and body.
    Ok(&'static str, Vec<u8>),
    /// This status line, no body.
    Status(&'static str),
    /// Waits this long before answering 200 with a small HTML page.
    Slow(Duration),
}

/// Starts the server on a free port; returns its base address ("http://127.0.0.1:PORT").
pub fn serve(routes: Vec<(&'static str, Reply)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = routes.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 4096];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let reply = routes
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, r)| r.clone());
                let (status, content_type, body) = match reply {
                    Some(Reply::Ok(ct, body)) => ("200 OK", ct, body),
                    Some(Reply::Status(status)) => (status, "text/plain", Vec::new()),
                    Some(Reply::Slow(wait)) => {
                        std::thread::sleep(wait);
                        (
                            "200 OK",
                            "text/html",
                            b"<html><body><p>late</p></body></html>".to_vec(),
                        )
                    }
                    None => ("404 Not Found", "text/plain", Vec::new()),
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    base
}
