/// "Natural" file-name order: runs of digits compare by value, so `img2` comes before `img10`.
public enum NaturalOrder {
    /// Whether `lhs` sorts before `rhs`.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let order = compare(lhs, rhs)
        return order != 0 ? order < 0 : lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// -1, 0 or 1 as `lhs` sorts before, with or after `rhs` (case-insensitive, digits by value).
    public static func compare(_ lhs: String, _ rhs: String) -> Int {
        compare(units: Array(lhs.utf8), Array(rhs.utf8))
    }

    /// `names` in natural order. Each name is taken apart once, not once per comparison: a
    /// folder of 100,000 pictures is sorted in a fraction of the time.
    public static func sorted(_ names: [String]) -> [String] { sorted(names, by: { $0 }) }

    /// `elements` in the natural order of the name each has (`name`). Each name becomes a key
    /// once whose plain byte order is the natural order (`sortKey`), so the sort compares bytes;
    /// only names whose keys tie (leading zeros, case) are compared in full.
    public static func sorted<Element>(_ elements: [Element], by name: (Element) -> String) -> [Element] {
        order(of: elements.map { Array(name($0).utf8) }).map { elements[$0] }
    }

    /// The positions of `names` (UTF-8) in natural order. Not generic, so the sort is compiled
    /// for exactly this: keys laid end to end in one buffer, positions sorted by them.
    static func order(of names: [[UInt8]]) -> [Int] {
        var keys: [UInt8] = []
        var bounds: [Int] = [0]
        bounds.reserveCapacity(names.count + 1)
        for name in names {
            keys += sortKey(name)
            bounds.append(keys.count)
        }
        return keys.withUnsafeBufferPointer { keys in
            Array(names.indices).sorted { a, b in
                let order = byteOrder(UnsafeBufferPointer(rebasing: keys[bounds[a]..<bounds[a + 1]]),
                                      UnsafeBufferPointer(rebasing: keys[bounds[b]..<bounds[b + 1]]))
                if order != 0 { return order < 0 }
                let full = compare(units: names[a], names[b])
                return full != 0 ? full < 0 : names[a].lexicographicallyPrecedes(names[b])
            }
        }
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b`, byte by byte (a prefix first).
    private static func byteOrder(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common, a[index] == b[index] { index += 1 }
        if index < common { return a[index] < b[index] ? -1 : 1 }
        return a.count == b.count ? 0 : a.count < b.count ? -1 : 1
    }

    /// A name's bytes as a key whose byte order is the natural order, leading zeros aside:
    /// letters folded to lowercase; a run of digits as its length without leading zeros (one
    /// byte 0x30 + length below 9, else 0x39 and five bytes of length) and then those digits.
    /// The first length byte lies among the digits 0x30–0x39, so it orders against any other
    /// byte as the digit it stands for would.
    static func sortKey(_ bytes: [UInt8]) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count + 2)
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else {
                key.append(folded(bytes[index]))
                index += 1
                continue
            }
            var start = index
            while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            while start < index && bytes[start] == 48 { start += 1 }
            let length = index - start
            if length < 9 {
                key.append(48 + UInt8(length))
            } else {
                key.append(57)
                for shift in stride(from: 28, through: 0, by: -7) { key.append(UInt8(truncatingIfNeeded: length >> shift) & 0x7F) }
            }
            key += bytes[start..<index]
        }
        return key
    }

    /// The comparison over UTF-8 bytes: they order as their scalars do, and the digits and the
    /// letters folded are ASCII, so no scalar needs decoding.
    static func compare(units a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0, j = 0
        // Equal numbers with different leading zeros only decide when nothing else does.
        var zeroTieBreak = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                let startA = i, startB = j
                while i < a.count && isDigit(a[i]) { i += 1 }
                while j < b.count && isDigit(b[j]) { j += 1 }
                let order = compareDigits(a[startA..<i], b[startB..<j])
                if order != 0 { return order }
                if zeroTieBreak == 0 && (i - startA) != (j - startB) { zeroTieBreak = (i - startA) < (j - startB) ? -1 : 1 }
                continue
            }
            let x = folded(a[i]), y = folded(b[j])
            if x != y { return x < y ? -1 : 1 }
            i += 1
            j += 1
        }
        if i < a.count { return 1 }
        if j < b.count { return -1 }
        return zeroTieBreak
    }

    static func isDigit(_ unit: UInt8) -> Bool { unit >= 48 && unit <= 57 }

    static func folded(_ unit: UInt8) -> UInt8 { (65...90).contains(unit) ? unit + 32 : unit }

    static func compareDigits(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        let trimmedA = a.drop { $0 == 48 }, trimmedB = b.drop { $0 == 48 }
        if trimmedA.count != trimmedB.count { return trimmedA.count < trimmedB.count ? -1 : 1 }
        for (x, y) in zip(trimmedA, trimmedB) where x != y { return x < y ? -1 : 1 }
        return 0
    }
}
