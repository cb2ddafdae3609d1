import LabelCore

/// Region growing (a magic wand): the 4-connected pixels reachable from a seed whose colour lies
/// within a tolerance of the seed's — a sky, a road or a wall painted into a mask in one key.
public enum RegionGrow {
    /// The region around (`x`, `y`) in `image` whose colours are within `tolerance` (Euclidean
    /// distance in RGB, 0…441) of the seed pixel's colour.
    public static func region(from seed: (x: Int, y: Int), in image: PixelImage, tolerance: Int) -> Bitmap {
        var region = Bitmap(height: image.height, width: image.width)
        guard seed.x >= 0, seed.y >= 0, seed.x < image.width, seed.y < image.height else { return region }
        let pixels = image.pixels
        let start = (seed.y * image.width + seed.x) * 4
        let red = Int(pixels[start]), green = Int(pixels[start + 1]), blue = Int(pixels[start + 2])
        let limit = max(0, tolerance) * max(0, tolerance)
        func close(_ index: Int) -> Bool {
            let offset = index * 4
            let dr = Int(pixels[offset]) - red, dg = Int(pixels[offset + 1]) - green, db = Int(pixels[offset + 2]) - blue
            return dr * dr + dg * dg + db * db <= limit
        }
        var visited = [Bool](repeating: false, count: image.width * image.height)
        var stack = [seed.y * image.width + seed.x]
        visited[stack[0]] = true
        while let index = stack.popLast() {
            let x = index % image.width, y = index / image.width
            region[x, y] = true
            for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)] where nx >= 0 && ny >= 0 && nx < image.width && ny < image.height {
                let next = ny * image.width + nx
                if !visited[next] && close(next) {
                    visited[next] = true
                    stack.append(next)
                }
            }
        }
        return region
    }
}
