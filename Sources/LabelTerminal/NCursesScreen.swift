import CNCursesw
import LabelCells
#if canImport(Glibc)
import Glibc
import LabelInput
#endif

/// Why the terminal could not be started.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
}

/// The real terminal through ncurses: wide characters in the user's locale, colours as the
/// terminal can show them, only changed cells drawn, keys and mouse decoded. The only type
/// that touches ncurses.
public final class NCursesScreen: Screen {
    /// The colours in use.
    public let colorDepth: ColorDepth
    /// The terminal type in use (a `*-direct` variant when truecolor was asked for).
    public let terminalName: String
    private let screen: OpaquePointer
    private var previous: CellGrid?
    private var pairs: ColorPairs
    private var cellPairs: [Int32] = []
    private let colors: TerminalColors
    private var closed = false
    /// A key read together with an Escape, handed out on the next call.
    private var pendingEvent: InputEvent?
    /// Why fewer colours are shown than were asked for (truecolor without a `*-direct`
    /// terminfo entry), to tell the user; nil when all is as asked.
    public private(set) var colorNote: String?
    /// Woken by background work; `nextEvent` then returns nil at once so the loop redraws.
    public let wakePipe = WakePipe()

    /// Starts ncurses on the controlling terminal. `forcedDepth` is `--colors`; the environment
    /// decides otherwise (DESIGN §6: `NO_COLOR`, `COLORTERM`, `*-direct` terminfo).
    public init(environment: [String: String], forcedDepth: ColorDepth?) throws {
        setlocale(LC_ALL, "")
        termlabel_set_escdelay(25)
        let requested = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm-256color"
        let wantsTrueColor = ["truecolor", "24bit"].contains((environment["COLORTERM"] ?? "").lowercased()) || forcedDepth == .truecolor
        var name = requested
        if wantsTrueColor && !requested.hasSuffix("-direct") && forcedDepth != .palette256 && forcedDepth != .palette16 && forcedDepth != .palette8 {
            // ncurses never reads COLORTERM: truecolor needs a -direct terminfo entry.
            for candidate in NCursesScreen.directVariants(of: requested) where NCursesScreen.terminfoExists(candidate) {
                name = candidate
                break
            }
        }
        guard let opened = termlabel_newterm(name) else {
            throw TerminalError(description: "cannot start the terminal \"\(name)\" (is TERM right, and is this a terminal?)")
        }
        screen = opened
        terminalName = name
        _ = set_term(opened)
        raw()
        noecho()
        nonl()
        keypad(termlabel_stdscr(), true)
        _ = curs_set(0)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        let available = has_colors() ? Int(termlabel_colors()) : 0
        let facts = ColorSupport.TerminalFacts(colors: available, direct: tigetflag("RGB") > 0 || available >= 1 << 24)
        let (depth, trueColorMissing) = ColorSupport.decide(environment: environment, forced: forcedDepth, terminal: facts)
        if trueColorMissing {
            colorNote = "24-bit colour needs the terminfo entry \(NCursesScreen.directVariants(of: requested)[0]) (Debian: apt-get install ncurses-term); showing \(depth.rawValue) colours"
        }
        colorDepth = depth
        colors = TerminalColors(depth: depth, count: available)
        pairs = ColorPairs(capacity: depth == .none ? 0 : max(0, Int(termlabel_color_pairs()) - 1))
        _ = mousemask(termlabel_all_mouse_events(), nil)
        _ = mouseinterval(0)
    }

    deinit { close() }

    /// Restores the terminal (idempotent; called on every way out).
    public func close() {
        guard !closed else { return }
        closed = true
        endwin()
        delscreen(screen)
    }

    static func directVariants(of name: String) -> [String] {
        var base = name
        for suffix in ["-256color", "-88color", "-color", "-16color"] where base.hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
        return [base + "-direct", "xterm-direct"]
    }

    static func terminfoExists(_ name: String) -> Bool {
        guard let first = name.first else { return false }
        let folders = ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo", (getenv("HOME").map { String(cString: $0) } ?? "") + "/.terminfo"]
        return folders.contains { access("\($0)/\(first)/\(name)", R_OK) == 0 }
    }

    public var size: (columns: Int, rows: Int) {
        (max(1, Int(termlabel_maxx(termlabel_stdscr()))), max(1, Int(termlabel_maxy(termlabel_stdscr()))))
    }

    public func present(_ grid: CellGrid) {
        let window = termlabel_stdscr()
        let current = size
        guard grid.width == current.columns, grid.height == current.rows else { return }
        if previous?.width != grid.width || previous?.height != grid.height {
            // A new size: everything is redrawn, and every pair will be counted afresh.
            wclear(window)
            previous = nil
            pairs.reset()
            cellPairs = Array(repeating: 0, count: grid.width * grid.height)
        }
        let changed = CellDiff.changes(from: previous, to: grid)
        // Pass 1: pairs for the new cells; pairs no cell uses are only freed after the frame.
        var newPairs: [Int32] = Array(repeating: 0, count: changed.count)
        for (position, index) in changed.enumerated() {
            pairs.release(cellPairs[index])
            let style = grid.cells[index].style
            let combination = ColorPairs.Combination(foreground: colors.number(style.foreground), background: colors.number(style.background))
            newPairs[position] = pairs.retain(combination) { pair, combination in
                _ = init_extended_pair(pair, combination.foreground, combination.background)
            } ?? 0
            cellPairs[index] = newPairs[position]
        }
        // Pass 2: draw.
        var characters = [wchar_t](repeating: 0, count: 8)
        var clusters: [(x: Int, y: Int, text: String, style: Style)] = []
        for (position, index) in changed.enumerated() {
            let cell = grid.cells[index]
            if cell.isContinuation { continue }
            let x = Int32(index % grid.width), y = Int32(index / grid.width)
            let text = cell.text.isEmpty ? " " : cell.text
            let drawable = GraphemeCells.ncursesPart(of: text)
            if drawable.count < text.unicodeScalars.count { clusters.append((Int(x), Int(y), text, cell.style)) }
            var count = 0
            for scalar in drawable where count < 7 {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            characters[count] = 0
            var pair = newPairs[position]
            var cchar = cchar_t()
            _ = setcchar(&cchar, characters, attributes(cell.style.attributes), Int16(truncatingIfNeeded: min(pair, 255)), &pair)
            _ = mvwadd_wch(window, y, x, &cchar)
        }
        wnoutrefresh(window)
        doupdate()
        if !clusters.isEmpty { drawWholeClusters(clusters) }
        pairs.collect()
        previous = grid
    }

    /// ncurses keeps one spacing character per cell (plus combining marks), so an emoji
    /// sequence (👍🏽, 👨‍👩‍👧, 🇫🇷) was drawn as its first part; the terminal, which draws the whole
    /// cluster in the same two cells, gets it written straight after ncurses' refresh, and the
    /// cursor goes back where ncurses believes it is.
    private func drawWholeClusters(_ clusters: [(x: Int, y: Int, text: String, style: Style)]) {
        var output: [UInt8] = []
        for cluster in clusters {
            output += Array("\u{1B}[\(cluster.y + 1);\(cluster.x + 1)H".utf8)
            ANSIEncoder.appendSequence(from: .plain, to: colors.terminalStyle(cluster.style), into: &output)
            output += Array(cluster.text.utf8)
            output += Array("\u{1B}[0m".utf8)
        }
        output += Array("\u{1B}[\(termlabel_physical_y() + 1);\(termlabel_physical_x() + 1)H".utf8)
        var offset = 0
        while offset < output.count {
            let written = output[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
    }

    func attributes(_ attributes: Attributes) -> attr_t {
        var value = termlabel_a_normal()
        if attributes.contains(.bold) { value |= termlabel_a_bold() }
        if attributes.contains(.dim) { value |= termlabel_a_dim() }
        if attributes.contains(.italic) { value |= termlabel_a_italic() }
        if attributes.contains(.underline) { value |= termlabel_a_underline() }
        if attributes.contains(.reverse) { value |= termlabel_a_reverse() }
        return value
    }

    public func nextEvent(timeout milliseconds: Int) -> InputEvent? {
        if let pending = pendingEvent {
            pendingEvent = nil
            return pending
        }
        let window = termlabel_stdscr()
        var character: wint_t = 0
        // Keys ncurses has already read come first; then wait on the terminal and the wake pipe.
        wtimeout(window, 0)
        var status = wget_wch(window, &character)
        if status == termlabel_err() && milliseconds > 0 {
            var watched = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wakePipe.readEnd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&watched, 2, Int32(milliseconds))
            if ready > 0 && watched[1].revents != 0 {
                _ = wakePipe.drain()
                if watched[0].revents == 0 { return .wake }
            }
            guard ready > 0, watched[0].revents != 0 else { return nil }
            wtimeout(window, 10)
            status = wget_wch(window, &character)
        }
        if status == termlabel_err() { return nil }
        if status != termlabel_key_code_yes() && character == 27 {
            // Escape, or Alt with the key that follows at once. A key that follows but is no
            // Alt combination (an arrow typed right after Esc) is kept for the next call: pushed
            // back with unget_wch, a key code came back as a character ("ă").
            wtimeout(window, 0)
            var next: wint_t = 0
            let followed = wget_wch(window, &next)
            if followed == termlabel_ok(), next != 27, let key = KeyDecoder.key(forCharacter: UInt32(next)) {
                return .key(Key(key.code, modifiers: key.modifiers.union(.alt)))
            }
            if followed != termlabel_err() { pendingEvent = decoded(status: followed, character: next) }
            return .key(Key(.escape))
        }
        return decoded(status: status, character: character) ?? (status == termlabel_key_code_yes() ? nextEvent(timeout: 0) : nil)
    }

    /// The event for what `wget_wch` returned (a key code or a character).
    private func decoded(status: Int32, character: wint_t) -> InputEvent? {
        if status == termlabel_key_code_yes() {
            let code = Int32(character)
            if code == termlabel_key_resize() {
                let size = self.size
                return .resize(columns: size.columns, rows: size.rows)
            }
            if code == termlabel_key_mouse() { return mouseEvent() }
            guard let name = keyname(code).map({ String(cString: $0) }), let key = KeyDecoder.key(forName: name) else { return nil }
            return .key(key)
        }
        if character == 27 { return .key(Key(.escape)) }
        return KeyDecoder.key(forCharacter: UInt32(character)).map(InputEvent.key)
    }

    func mouseEvent() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == termlabel_ok() else { return nil }
        let state = event.bstate
        let kind: MouseEvent.Kind
        if state & termlabel_button4_pressed() != 0 {
            kind = .scrollUp
        } else if state & termlabel_button5_pressed() != 0 {
            kind = .scrollDown
        } else if state & termlabel_button1_pressed() != 0 {
            kind = .press
        } else if state & termlabel_button1_released() != 0 {
            kind = .release
        } else if state & termlabel_report_mouse_position() != 0 {
            kind = .drag
        } else if state & termlabel_button1_clicked() != 0 {
            kind = .press
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, column: Int(event.x), row: Int(event.y)))
    }

    public func suspend() {
        endwin()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        // Back from the shell: redraw everything.
        refresh()
        previous = nil
        pairs.reset()
        cellPairs = Array(repeating: 0, count: cellPairs.count)
    }
}
