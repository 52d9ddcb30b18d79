//! Web addresses: only `http` and `https` ones are fetched, and a redirect's `Location`
//! (absolute or relative) is resolved against the address that answered with it.

use std::net::{IpAddr, ToSocketAddrs};

use ureq::http::Uri;

/// Whether `ip` is an address on the public internet: not loopback, private, link-local
/// (169.254.169.254, where clouds serve their credentials, is one), carrier-grade NAT,
/// unique-local, multicast, unspecified, broadcast, documentation or reserved.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && v4.octets()[2] == 0)
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// The addresses `uri`'s host stands for: itself when it is an IP address, else what the
/// name resolves to (nothing when it does not).
pub fn host_addresses(uri: &Uri) -> Vec<IpAddr> {
    let host = uri.host().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return vec![ip];
    }
    let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
        Some("https") => 443,
        _ => 80,
    });
    (bare, port)
        .to_socket_addrs()
        .map(|addrs| addrs.map(|a| a.ip()).collect())
        .unwrap_or_default()
}

/// Whether a redirect from a fetch that began at `start` (the address the user gave) may go
/// to `target`, whose host stands for `target_ips`. A user may open a local address on
/// purpose; a server may not send gloss to one: a redirect to a non-public address is
/// refused unless it stays on the host the user gave. Returns the refused address.
pub fn redirect_refused(start: &Uri, target: &Uri, target_ips: &[IpAddr]) -> Option<IpAddr> {
    let same_host =
        start.host().map(str::to_ascii_lowercase) == target.host().map(str::to_ascii_lowercase);
    if same_host {
        return None;
    }
    target_ips.iter().copied().find(|ip| !is_public(*ip))
}

/// Why an address cannot be fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Not an absolute address with a host.
    #[error("not a web address: {0}")]
    Invalid(String),
    /// A scheme other than http or https (file:, javascript:, ftp:, …).
    #[error("only http and https addresses can be fetched, not {0}:")]
    Scheme(String),
}

/// Parses `text` as an absolute `http` or `https` address; a `#fragment` is dropped, since it
/// is never sent to the server.
pub fn parse(text: &str) -> Result<Uri, AddressError> {
    let text = text.trim();
    let invalid = || AddressError::Invalid(shorten(text));
    if has_scheme(text)
        && let Some((scheme, _)) = text.split_once(':')
        && !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
    {
        return Err(AddressError::Scheme(shorten(&scheme.to_ascii_lowercase())));
    }
    let without_fragment = text.split('#').next().unwrap_or_default();
    let uri: Uri = without_fragment.parse().map_err(|_| invalid())?;
    if uri.scheme_str().is_none() {
        return Err(invalid());
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(invalid());
    }
    Ok(uri)
}

/// True when `text` is an absolute http or https address.
pub fn is_web_address(text: &str) -> bool {
    parse(text).is_ok()
}

/// Resolves a redirect target `location` against `base` (RFC 3986, section 5.2, by
/// `url::Url::join`); the result must be an address [`parse`] accepts.
pub fn resolve(base: &Uri, location: &str) -> Result<Uri, AddressError> {
    let location = location.trim();
    let base = url::Url::parse(&base.to_string())
        .map_err(|_| AddressError::Invalid(shorten(&base.to_string())))?;
    let target = base
        .join(location)
        .map_err(|_| AddressError::Invalid(shorten(location)))?;
    parse(target.as_str())
}

/// True when `text` starts with a URI scheme (`letters:`), as `https:` or `file:` do.
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// An address cut to a length that fits a status bar, cleaned of control characters.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 120;
    let cleaned = crate::text::clean::clean(text).replace('\n', " ");
    if cleaned.chars().count() <= MAX {
        cleaned
    } else {
        let mut cut: String = cleaned.chars().take(MAX - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(base: &str, location: &str) -> String {
        resolve(&parse(base).unwrap(), location)
            .unwrap()
            .to_string()
    }

    #[test]
    fn only_http_and_https_are_accepted() {
        assert!(parse("https://example.org/a").is_ok());
        assert!(parse("HTTP://example.org").is_ok());
        assert_eq!(
            parse("file:///etc/passwd").unwrap_err().to_string(),
            "only http and https addresses can be fetched, not file:"
        );
        assert!(matches!(
            parse("javascript:alert(1)"),
            Err(AddressError::Invalid(_) | AddressError::Scheme(_))
        ));
        assert!(matches!(
            parse("/just/a/path"),
            Err(AddressError::Invalid(_))
        ));
        assert!(matches!(
            parse("example.org"),
            Err(AddressError::Invalid(_))
        ));
    }

    #[test]
    fn relative_locations_are_resolved() {
        let base = "http://h:8080/a/b/c?q=1";
        assert_eq!(resolved(base, "/x"), "http://h:8080/x");
        assert_eq!(resolved(base, "d"), "http://h:8080/a/b/d");
        assert_eq!(resolved(base, "../d?z=2"), "http://h:8080/a/d?z=2");
        assert_eq!(resolved(base, "?y=3"), "http://h:8080/a/b/c?y=3");
        assert_eq!(resolved(base, "//other/p"), "http://other/p");
        assert_eq!(resolved(base, "https://s/p#frag"), "https://s/p");
        assert_eq!(resolved(base, "./"), "http://h:8080/a/b/");
        assert_eq!(resolved(base, ""), "http://h:8080/a/b/c?q=1");
        assert_eq!(resolved(base, "../../../../x"), "http://h:8080/x");
        assert_eq!(resolved(base, "/a/./b/../c"), "http://h:8080/a/c");
    }

    #[test]
    fn private_loopback_and_link_local_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip} counted as public");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip} counted as not public");
        }
    }

    #[test]
    fn a_redirect_from_a_public_address_to_a_local_one_is_refused() {
        let public = parse("https://news.example/story").unwrap();
        let metadata = parse("http://169.254.169.254/latest/meta-data/").unwrap();
        let ips: Vec<IpAddr> = vec!["169.254.169.254".parse().unwrap()];
        assert_eq!(redirect_refused(&public, &metadata, &ips), Some(ips[0]));
        // A name that resolves to loopback is judged by its address.
        let named = parse("http://internal.example/").unwrap();
        let loopback: Vec<IpAddr> = vec!["127.0.0.1".parse().unwrap()];
        assert!(redirect_refused(&public, &named, &loopback).is_some());
        // Public to public is followed; so is a local address the user gave itself.
        let other: Vec<IpAddr> = vec!["93.184.216.34".parse().unwrap()];
        assert_eq!(redirect_refused(&public, &named, &other), None);
        let local = parse("http://127.0.0.1:8080/a").unwrap();
        let local_next = parse("http://127.0.0.1:8080/b").unwrap();
        assert_eq!(redirect_refused(&local, &local_next, &loopback), None);
    }

    #[test]
    fn redirect_to_another_scheme_is_refused() {
        let base = parse("http://h/").unwrap();
        assert!(matches!(
            resolve(&base, "file:///etc/passwd"),
            Err(AddressError::Scheme(_))
        ));
    }
}
