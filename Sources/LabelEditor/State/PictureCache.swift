import Dispatch
import LabelCore
import LabelImaging
import Synchronization

/// Decoded pictures, decoded off the input thread: the one on screen first, its neighbours
/// ahead of time, all within a memory bound (least recently used go first). Asking never
/// blocks; when a decode finishes, `onChange` is called (from a decoding thread) so the
/// screen can be redrawn.
public final class PictureCache: Sendable {
    /// What is known of a picture.
    public enum Status: Sendable {
        case ready(DecodedPicture)
        case loading
        case failed(String)
    }

    private struct Entry {
        var pictures: [DecodedPicture] = []
        var loading: Set<Int> = []
        var failure: String?
        var lastUse = 0
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock = 0
        var bytes = 0
    }

    private let state = Mutex(State())
    private let decoder: ImageDecoder
    private let memoryBound: Int
    private let foreground = DispatchQueue(label: "termlabel.decode.current", qos: .userInitiated)
    private let background = DispatchQueue(label: "termlabel.decode.ahead", qos: .utility)
    private let onChange: @Sendable () -> Void

    /// A cache holding at most `memoryBound` bytes of pixels.
    public init(decoder: ImageDecoder = ImageDecoder(), memoryBound: Int = 768 << 20, onChange: @escaping @Sendable () -> Void = {}) {
        self.decoder = decoder
        self.memoryBound = memoryBound
        self.onChange = onChange
    }

    /// The picture at `path` with at least `minimumSize` pixels each way (nil: full size),
    /// starting a decode if none is ready or under way.
    public func picture(_ path: String, minimumSize: ImageSize?, ahead: Bool = false) -> Status {
        let needed = minimumSize
        let (status, start): (Status, Int?) = state.withLock { state in
            state.clock += 1
            var entry = state.entries[path] ?? Entry()
            entry.lastUse = state.clock
            defer { state.entries[path] = entry }
            if let failure = entry.failure { return (.failed(failure), nil) }
            if let picture = entry.pictures.first(where: { PictureCache.satisfies($0, needed) }) { return (.ready(picture), nil) }
            let reduction = needed == nil ? 1 : 0  // 0: let the decoder choose from the size
            if entry.loading.contains(reduction) { return (.loading, nil) }
            entry.loading.insert(reduction)
            // Meanwhile a smaller picture is better than nothing.
            if let any = entry.pictures.last { return (.ready(any), reduction) }
            return (.loading, reduction)
        }
        if let start { decode(path, minimumSize: needed, tag: start, ahead: ahead) }
        return status
    }

    /// Decodes `paths` ahead of need (the neighbours of the item on screen).
    public func prefetch(_ paths: [String], minimumSize: ImageSize?) {
        for path in paths { _ = picture(path, minimumSize: minimumSize, ahead: true) }
    }

    /// Whether a picture of `path` satisfying `minimumSize` is decoded.
    public func isReady(_ path: String, minimumSize: ImageSize?) -> Bool {
        state.withLock { $0.entries[path]?.pictures.contains { PictureCache.satisfies($0, minimumSize) } ?? false }
    }

    /// Bytes of pixels held.
    public var bytesHeld: Int { state.withLock { $0.bytes } }

    static func satisfies(_ picture: DecodedPicture, _ minimumSize: ImageSize?) -> Bool {
        guard let minimumSize else { return picture.reduction == 1 }
        return picture.reduction == 1 || (picture.image.width >= minimumSize.width && picture.image.height >= minimumSize.height)
    }

    private func decode(_ path: String, minimumSize: ImageSize?, tag: Int, ahead: Bool) {
        let decoder = self.decoder
        (ahead ? background : foreground).async { [self] in
            let result: Result<DecodedPicture, ImageError>
            do throws(ImageError) { result = .success(try decoder.decode(path, minimumSize: minimumSize)) } catch { result = .failure(error) }
            state.withLock { state in
                var entry = state.entries[path] ?? Entry()
                entry.loading.remove(tag)
                switch result {
                case .success(let picture):
                    entry.pictures.append(picture)
                    entry.pictures.sort { $0.reduction > $1.reduction }
                    state.bytes += picture.image.pixels.count
                case .failure(let error):
                    entry.failure = error.description
                }
                state.entries[path] = entry
                evict(&state, keeping: path)
            }
            onChange()
        }
    }

    /// Drops least recently used pictures until the bound is met (never the one just decoded).
    private func evict(_ state: inout State, keeping path: String) {
        while state.bytes > memoryBound {
            let victims = state.entries.filter { $0.key != path && !$0.value.pictures.isEmpty }
            guard let victim = victims.min(by: { $0.value.lastUse < $1.value.lastUse }) else { return }
            let freed = victim.value.pictures.reduce(0) { $0 + $1.image.pixels.count }
            state.entries[victim.key]?.pictures = []
            state.bytes -= freed
        }
    }
}
