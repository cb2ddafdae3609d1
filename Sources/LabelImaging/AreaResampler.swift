/// Resizes pictures: area-averaging (a box filter with exact fractional coverage) where a
/// dimension shrinks, nearest neighbour where it grows so single pixels stay crisp.
/// Colours are averaged weighted by alpha, so transparent pixels do not darken edges.
public struct AreaResampler {
    /// For each output index along one axis: the first input index it takes, and the weight
    /// of each input index from there on. Weights along an axis sum to `total` per output.
    struct Axis {
        var firstInput: [Int32]
        var weights: [[Int32]]
        let total: Int

        init(input: Int, output: Int) {
            firstInput = []
            weights = []
            firstInput.reserveCapacity(output)
            weights.reserveCapacity(output)
            if output >= input {
                // Growing: each output takes the one input pixel whose span holds its centre.
                total = 1
                for index in 0..<output {
                    firstInput.append(Int32(min(input - 1, (2 * index + 1) * input / (2 * output))))
                    weights.append([1])
                }
            } else {
                // Shrinking: in units where an input pixel spans `output` and an output `input`.
                total = input
                for index in 0..<output {
                    let start = index * input, end = start + input
                    let first = start / output, last = (end - 1) / output
                    firstInput.append(Int32(first))
                    weights.append((first...last).map { pixel in
                        Int32(min(end, (pixel + 1) * output) - max(start, pixel * output))
                    })
                }
            }
        }
    }

    /// `image` resized to `width` × `height` (each at least 1).
    public static func resize(_ image: PixelImage, width: Int, height: Int) -> PixelImage {
        let width = max(1, width), height = max(1, height)
        if width == image.width && height == image.height { return image }
        var reducer = StreamingReducer(inputWidth: image.width, inputHeight: image.height, outputWidth: width, outputHeight: height,
                                       hasAlpha: image.hasAlpha)
        image.pixels.withUnsafeBufferPointer { reducer.consume(rows: $0, count: image.height) }
        return reducer.finish()
    }
}

/// Area-averages rows as a decoder produces them, so a large picture reduced for display never
/// has to be held whole in memory.
public struct StreamingReducer {
    let inputWidth: Int
    let inputHeight: Int
    let outputWidth: Int
    let outputHeight: Int
    let hasAlpha: Bool
    private let columns: AreaResampler.Axis
    private let rows: AreaResampler.Axis
    /// For each input row: the output rows it contributes to, with their weights.
    private var rowTargets: [[(output: Int, weight: Int)]]
    private var rowSums: [Int]
    private var accumulators: [Int]
    private var output: [UInt8]
    private var nextInputRow = 0

    /// A reducer from `inputWidth` × `inputHeight` RGBA rows to the output size.
    public init(inputWidth: Int, inputHeight: Int, outputWidth: Int, outputHeight: Int, hasAlpha: Bool) {
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
        self.outputWidth = max(1, outputWidth)
        self.outputHeight = max(1, outputHeight)
        self.hasAlpha = hasAlpha
        columns = AreaResampler.Axis(input: inputWidth, output: self.outputWidth)
        rows = AreaResampler.Axis(input: inputHeight, output: self.outputHeight)
        rowTargets = Array(repeating: [], count: inputHeight)
        for outputRow in 0..<self.outputHeight {
            let first = Int(rows.firstInput[outputRow])
            for (offset, weight) in rows.weights[outputRow].enumerated() where weight > 0 {
                rowTargets[first + offset].append((outputRow, Int(weight)))
            }
        }
        rowSums = Array(repeating: 0, count: self.outputWidth * 4)
        accumulators = Array(repeating: 0, count: self.outputWidth * self.outputHeight * 4)
        output = Array(repeating: 0, count: self.outputWidth * self.outputHeight * 4)
    }

    /// Takes the next `count` input rows (RGBA, `inputWidth * 4` bytes each) from `buffer`.
    public mutating func consume(rows buffer: UnsafeBufferPointer<UInt8>, count: Int) {
        let rowBytes = inputWidth * 4
        for row in 0..<count where nextInputRow < inputHeight {
            let targets = rowTargets[nextInputRow]
            nextInputRow += 1
            guard !targets.isEmpty, let base = buffer.baseAddress else { continue }
            sumRow(base + row * rowBytes)
            rowSums.withUnsafeBufferPointer { sums in
                accumulators.withUnsafeMutableBufferPointer { accumulator in
                    for (outputRow, weight) in targets {
                        let offset = outputRow * outputWidth * 4
                        for index in 0..<(outputWidth * 4) { accumulator[offset + index] &+= sums[index] &* weight }
                    }
                }
            }
        }
    }

    /// Sums one input row horizontally into `rowSums` (colours weighted by alpha).
    private mutating func sumRow(_ row: UnsafePointer<UInt8>) {
        let alpha = hasAlpha
        columns.firstInput.withUnsafeBufferPointer { firsts in
            rowSums.withUnsafeMutableBufferPointer { sums in
                for outputColumn in 0..<outputWidth {
                    var red = 0, green = 0, blue = 0, opacity = 0
                    var pixel = Int(firsts[outputColumn]) * 4
                    for weight32 in columns.weights[outputColumn] {
                        let weight = Int(weight32)
                        if alpha {
                            let a = Int(row[pixel + 3]) * weight
                            red &+= Int(row[pixel]) &* a
                            green &+= Int(row[pixel + 1]) &* a
                            blue &+= Int(row[pixel + 2]) &* a
                            opacity &+= a
                        } else {
                            red &+= Int(row[pixel]) &* weight
                            green &+= Int(row[pixel + 1]) &* weight
                            blue &+= Int(row[pixel + 2]) &* weight
                        }
                        pixel += 4
                    }
                    let index = outputColumn * 4
                    sums[index] = red
                    sums[index + 1] = green
                    sums[index + 2] = blue
                    sums[index + 3] = opacity
                }
            }
        }
    }

    /// The reduced picture (call once every input row has been consumed).
    public mutating func finish() -> PixelImage {
        let total = columns.total * rows.total
        accumulators.withUnsafeBufferPointer { accumulator in
            output.withUnsafeMutableBufferPointer { pixels in
                for index in stride(from: 0, to: accumulator.count, by: 4) {
                    if hasAlpha {
                        let opacity = accumulator[index + 3]
                        if opacity > 0 {
                            for channel in 0..<3 { pixels[index + channel] = UInt8(min(255, (accumulator[index + channel] + opacity / 2) / opacity)) }
                        }
                        pixels[index + 3] = UInt8(min(255, (opacity + total / 2) / total))
                    } else {
                        for channel in 0..<3 { pixels[index + channel] = UInt8(min(255, (accumulator[index + channel] + total / 2) / total)) }
                        pixels[index + 3] = 255
                    }
                }
            }
        }
        return PixelImage(width: outputWidth, height: outputHeight, pixels: output, hasAlpha: hasAlpha)
    }
}
