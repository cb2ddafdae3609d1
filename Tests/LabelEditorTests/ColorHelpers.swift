import LabelCells

enum LabelCellsRGB {
    static func make(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> RGB { RGB(red, green, blue) }
}
