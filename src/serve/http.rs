//! The small HTTP/1.1 server behind `serve`: one thread per connection,
//! `Connection: close`, files from memory, and a server-sent-events stream
//! that tells open pages to reload. Only GET and HEAD are answered, and
//! POST to the editor of `serve --edit` (whose body is read, within
//! [`MAX_BODY`]).

use std::io::{self, BufRead, BufReader, Write};
use std::net::{IpAddr, TcpStream};
use std::time::Duration;

pub struct Request {
    pub method: String,
    /// The request target as sent ("/khanh-hoa/?q=1").
    pub target: String,
    /// The `Host` header's value, if the request sent one.
    pub host: Option<String>,
    /// Every header, names lowercased, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body of a POST (empty for other methods).
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The largest request body read (an uploaded picture or received
/// document); a larger one is refused.
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// Reads the request line and the `Host` header, and skips the other
/// headers (a request body, which GET and HEAD do not have, is ignored).
pub fn read_request(stream: &TcpStream) -> io::Result<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    // Bounds what one request may send before its headers end.
    let mut reader = BufReader::new(io::Read::take(stream, 64 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "bad request line",
        ));
    };
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
        headers: Vec::new(),
        body: Vec::new(),
    };
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            if name == "host" {
                request.host = Some(value.trim().to_string());
            }
            request.headers.push((name, value.trim().to_string()));
        }
    }
    if request.method == "POST" {
        let length: usize = request
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no Content-Length"))?;
        if length > MAX_BODY {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "body too large"));
        }
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        let buffered = reader.buffer().len() as u64;
        reader
            .get_mut()
            .set_limit((length as u64).saturating_sub(buffered));
        request.body = vec![0; length];
        io::Read::read_exact(&mut reader, &mut request.body)?;
    }
    Ok(request)
}

/// Whether a request naming `host` may be answered by a server bound to
/// `bound`. A web page can point a domain of its own at 127.0.0.1 (DNS
/// rebinding) and then read the dev server, drafts included, as if it
/// were same-origin; its requests then carry that domain as `Host`. So only
/// loopback names and IP literals are answered: an IP literal cannot be
/// rebound. A server bound to one address answers only that address (and
/// loopback), one bound to all interfaces answers any of the machine's.
pub fn host_allowed(host: &str, bound: IpAddr) -> bool {
    let name = match host.strip_prefix('[') {
        // "[::1]:1111"
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None if host.matches(':').count() == 1 => host.split(':').next().unwrap_or(""),
        None => host,
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || bound.is_unspecified() || ip == bound,
        Err(_) => false,
    }
}

/// Why a request path is not served.
#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    /// Not a path, or a malformed escape.
    Bad,
    /// A path that would leave the site ("..", encoded or not).
    Escapes,
}

/// The output path (relative to the site, "khanh-hoa/index.html") a request
/// target asks for. Percent escapes are decoded once, and a `.` or `..`
/// segment, a backslash or a NUL byte in the decoded path is refused, so
/// `/../`, `/%2e%2e/` and `/..%2f` never reach outside the site.
pub fn output_path(target: &str) -> Result<String, PathError> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Err(PathError::Bad);
    };
    let decoded = percent_decode(path).ok_or(PathError::Bad)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(PathError::Escapes);
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Err(PathError::Escapes);
    }
    if decoded.contains("//") {
        return Err(PathError::Bad);
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Ok(format!("{decoded}index.html"))
    } else {
        Ok(decoded)
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

pub fn respond(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        421 => "Misdirected Request",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Answers 503 without waiting for the request: what has already arrived
/// is read (so closing does not reset the connection) and the rest is not
/// waited for, since the accepting thread must not block.
pub fn refuse_busy(stream: &mut TcpStream) {
    let mut sink = [0u8; 4096];
    if stream.set_nonblocking(true).is_ok() {
        while matches!(io::Read::read(stream, &mut sink), Ok(n) if n > 0) {}
    }
    let _ = stream.set_nonblocking(false);
    let _ = respond(stream, 503, &[("Retry-After", "1")], b"busy\n", false);
    let _ = stream.shutdown(std::net::Shutdown::Write);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_loopback_names_and_the_bound_address_only() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "LOCALHOST",
            "a.localhost",
        ] {
            assert!(host_allowed(host, loopback), "{host}");
        }
        for host in [
            "evil.example:1111",
            "evil.example",
            "192.168.1.5:1111",
            "localhost.evil.example",
            "",
        ] {
            assert!(!host_allowed(host, loopback), "{host}");
        }
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        assert!(host_allowed("192.168.1.5:1111", lan));
        assert!(!host_allowed("10.0.0.2:1111", lan));
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(host_allowed("10.0.0.2:1111", any));
        assert!(!host_allowed("rebind.example:1111", any));
    }

    #[test]
    fn maps_urls_to_output_files() {
        assert_eq!(output_path("/").unwrap(), "index.html");
        assert_eq!(
            output_path("/khanh-hoa/?q=1").unwrap(),
            "khanh-hoa/index.html"
        );
        assert_eq!(output_path("/style.css").unwrap(), "style.css");
        assert_eq!(output_path("/t%C3%AAn/").unwrap(), "tên/index.html");
    }

    #[test]
    fn refuses_paths_that_escape_in_any_spelling() {
        for target in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/..%2fconfig.toml",
            "/a/%2e%2e/%2e%2e/x",
            "/..\\x",
            "/%5c..%5cx",
            "/./x",
        ] {
            assert_eq!(
                output_path(target),
                Err(PathError::Escapes),
                "{target} must be refused"
            );
        }
        assert_eq!(output_path("x"), Err(PathError::Bad));
        assert_eq!(output_path("/%zz"), Err(PathError::Bad));
    }
}
