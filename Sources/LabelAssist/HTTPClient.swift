#if canImport(Glibc)
import Glibc
#endif

/// Just enough HTTP/1.1 to post JSON to a model server on the network (a Label Studio ML
/// backend): `http://` URLs, `Content-Length` and chunked bodies, a timeout.
public struct HTTPClient: Sendable {
    /// Where requests go: host, port and the path prefix of the URL.
    public let host: String
    public let port: Int
    public let basePath: String

    /// A client for `url` (`http://host[:port][/prefix]`); nil for anything else.
    public init?(url: String) {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        basePath = String(rest.dropFirst(authority.count)).trimmingTrailingSlashes
        if let colon = authority.lastIndex(of: ":"), let number = Int(authority[authority.index(after: colon)...]) {
            host = String(authority[..<colon])
            port = number
        } else {
            host = String(authority)
            port = 80
        }
        guard !host.isEmpty else { return nil }
    }

    /// Posts `body` as JSON to `path`; the status and body of the answer.
    public func post(_ path: String, body: [UInt8], timeout seconds: Double) throws(SuggestFailure) -> (status: Int, body: [UInt8]) {
        let socket = try connect(timeout: seconds)
        defer { close(socket) }
        let head = "POST \(basePath)\(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw SuggestFailure("cannot send to \(host):\(port): \(String(cString: strerror(errno)))") }
            offset += sent
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = recv(socket, &buffer, buffer.count, 0)
            if got < 0 && errno == EINTR { continue }
            if got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw SuggestFailure("\(host):\(port) gave no answer within \(Int(seconds)) s") }
            guard got > 0 else { break }
            answer.append(contentsOf: buffer[0..<got])
        }
        return try Self.parse(answer, from: "\(host):\(port)")
    }

    private func connect(timeout seconds: Double) throws(SuggestFailure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            throw SuggestFailure("cannot find the host \(host)")
        }
        defer { freeaddrinfo(found) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if descriptor >= 0 {
                var limit = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                if Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return descriptor }
                close(descriptor)
            }
            entry = address.pointee.ai_next
        }
        throw SuggestFailure("cannot connect to \(host):\(port): \(String(cString: strerror(errno)))")
    }

    /// The status and body of a whole HTTP response.
    static func parse(_ response: [UInt8], from server: String) throws(SuggestFailure) -> (status: Int, body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = response.indices.first(where: { response[$0...].starts(with: separator) }) else {
            throw SuggestFailure("\(server) answered something that is not HTTP")
        }
        let head = String(decoding: response[..<end], as: UTF8.self).split(separator: "\r\n").map(String.init)
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw SuggestFailure("\(server) answered something that is not HTTP") }
        var body = Array(response[(end + 4)...])
        let chunked = head.dropFirst().contains { $0.lowercased().hasPrefix("transfer-encoding:") && $0.lowercased().contains("chunked") }
        if chunked {
            var whole: [UInt8] = []
            var cursor = 0
            while let lineEnd = body[cursor...].indices.first(where: { body[$0] == 13 }),
                  let size = Int(String(decoding: body[cursor..<lineEnd], as: UTF8.self).split(separator: ";").first ?? "", radix: 16), size > 0 {
                let start = lineEnd + 2
                guard start + size <= body.count else { break }
                whole += body[start..<(start + size)]
                cursor = start + size + 2
                guard cursor < body.count else { break }
            }
            body = whole
        }
        return (status, body)
    }
}

extension String {
    var trimmingTrailingSlashes: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
