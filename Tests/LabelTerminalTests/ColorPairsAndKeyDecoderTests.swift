@testable import LabelTerminal
import Testing
import LabelInput

/// Colour pairs are reused only once no cell on screen shows them (else ncurses would recolour
/// visible cells), and none is allocated past the terminal's capacity.
@Suite struct ColorPairsTests {
    typealias Combination = ColorPairs.Combination

    @Test func aPairIsReusedOnlyAfterItsLastCellIsGoneAndCollected() {
        var pairs = ColorPairs(capacity: 2)
        var defined: [(Int32, Combination)] = []
        let red = Combination(foreground: 1, background: -1), green = Combination(foreground: 2, background: -1), blue = Combination(foreground: 4, background: -1)
        let first = pairs.retain(red) { defined.append(($0, $1)) }
        #expect(first == 1 && pairs.retain(red) { defined.append(($0, $1)) } == 1, "the same colours share their pair")
        #expect(pairs.retain(green) { defined.append(($0, $1)) } == 2)
        #expect(pairs.retain(blue) { defined.append(($0, $1)) } == nil, "all pairs in use: none is taken from a cell on screen")
        pairs.release(1)
        pairs.collect()
        #expect(pairs.retain(blue) { defined.append(($0, $1)) } == nil, "red is still on one cell")
        pairs.release(1)
        pairs.collect()
        #expect(pairs.retain(blue) { defined.append(($0, $1)) } == 1, "red's pair, now unused, is redefined")
        #expect(defined.map(\.0) == [1, 2, 1] && defined.last?.1 == blue)
        #expect(pairs.retain(Combination(foreground: -1, background: -1)) { _, _ in Issue.record("the default pair is never defined") } == 0)
        pairs.reset()
        #expect(pairs.pairOf.isEmpty)
    }
}

/// What ncurses hands us becomes the keys keymaps name.
@Suite struct KeyDecoderTests {
    @Test func controlCharactersAndFunctionKeyNames() {
        #expect(KeyDecoder.key(forCharacter: 13) == Key(.enter))
        #expect(KeyDecoder.key(forCharacter: 27) == Key(.escape))
        #expect(KeyDecoder.key(forCharacter: 18) == Key(.character("r"), modifiers: .control))
        #expect(KeyDecoder.key(forCharacter: 0) == Key(.character(" "), modifiers: .control))
        #expect(KeyDecoder.key(forCharacter: 0x1F600) == Key(.character("😀")))
        #expect(KeyDecoder.key(forCharacter: 0xD800) == nil, "a lone surrogate is no key")
        #expect(KeyDecoder.key(forName: "KEY_LEFT") == Key(.left))
        #expect(KeyDecoder.key(forName: "KEY_BTAB") == Key(.tab, modifiers: .shift))
        #expect(KeyDecoder.key(forName: "KEY_F(9)") == Key(.function(9)))
        #expect(KeyDecoder.key(forName: "KEY_F(21)") == Key(.function(9), modifiers: .shift), "Shift-F9 as terminals send it")
        #expect(KeyDecoder.key(forName: "KEY_F(33)") == Key(.function(9), modifiers: .control))
        #expect(KeyDecoder.key(forName: "kRIT5") == Key(.right, modifiers: .control))
        #expect(KeyDecoder.key(forName: "kUP3") == Key(.up, modifiers: .alt), "Alt-Up, decided by the terminal")
        #expect(KeyDecoder.key(forName: "kDN8") == Key(.down, modifiers: [.control, .alt, .shift]))
        #expect(KeyDecoder.key(forName: "kRIT9") == nil && KeyDecoder.key(forName: "KEY_MOUSE") == nil)
    }
}
