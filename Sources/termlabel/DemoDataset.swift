import LabelCells
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore

/// The built-in sample dataset `termlabel demo` writes: pictures of simple scenes the program
/// draws itself (houses, trees, cars, a sun or moon; two photo-like textures), short texts
/// with people, places and organisations, one-line news records, and a `termlabel.toml`.
/// The same every time (seeded), so tests can rely on it.
enum DemoDataset {
    static let project = """
    # termlabel demo project: pictures of simple scenes and short news texts.
    # Press ? in termlabel for the keys and these guidelines.

    [classes]
    multi = false
    advance = true
    labels = [
      { name = "clear", key = "1", help = "Easy to annotate: everything in it is recognisable." },
      { name = "ambiguous", key = "2", help = "Some objects are hard to tell apart, or cut off." },
      { name = "discard", key = "3", help = "Not useful: empty, broken or off-topic." },
    ]

    [boxes]
    labels = [
      { name = "house", color = "#ff8800", help = "The whole building, roof included." },
      { name = "tree", color = "#33cc55", help = "Crown and trunk together." },
      { name = "car", color = "#33bbee", help = "The body of the car, wheels included." },
      { name = "sun", color = "#ffdd33", help = "The sun or the moon, as a disc." },
    ]

    [polygons]
    labels = [
      { name = "roof", color = "#cc3344", help = "The roof's outline, eaves to ridge (p, then Space at each corner)." },
      { name = "road", color = "#aaaaaa" },
    ]

    [masks]
    labels = [
      { name = "sky", color = "#4477ff", help = "Every pixel of open sky (m, then g grows a region of its colour)." },
      { name = "grass", color = "#55aa33" },
    ]

    [keypoints.car]
    names = ["front_wheel", "rear_wheel", "front_light", "rear_light"]
    edges = [[0, 1], [0, 2], [1, 3]]

    [spans]
    labels = [
      { name = "PER", help = "People: names of persons (leave titles such as Dr. out)." },
      { name = "ORG", help = "Organisations: companies, agencies, teams, universities." },
      { name = "LOC", help = "Places: cities, countries, rivers, mountains." },
      { name = "DATE", help = "Dates and days: Monday, 12 March, last year." },
    ]

    """

    static let documents: [(name: String, text: String)] = [
        ("harbour.txt", """
        The harbour of Rotterdam reopened on Monday after a two-day strike.
        Anna de Vries, who speaks for the Port Authority, said the backlog would clear by Friday.
        Ships bound for Hamburg and Antwerp were sent on first.

        Unions met with Maersk and the city council in the town hall on Sunday evening.
        """),
        ("lecture.txt", """
        Professor Kwame Mensah gave the opening lecture at the University of Ghana in Accra.
        He spoke about rainfall along the Volta River since 1990, with data from NASA and the
        World Meteorological Organization. Ama Owusu chaired the session.
        """),
        ("expedition.txt", """
        In March 2025 a team from the Alpine Club set out to climb Mont Blanc from Chamonix.
        Léa Martin led the group; Tomás García carried the radio.
        They reached the summit on 14 March, a day ahead of plan.
        """),
    ]

    static let headlines = [
        "Siemens opens a new factory in Munich",
        "Maria Gonzalez wins the Boston Marathon",
        "Floods close roads around Dhaka on Tuesday",
        "The European Central Bank keeps rates unchanged",
        "Kenji Watanabe joins Toyota as head of research",
        "Heavy snow in Oslo delays trains to Bergen",
        "Oxford University and Google announce a joint lab",
        "Amara Diallo elected mayor of Dakar",
        "The Nile reaches its highest level since 1998",
        "UNICEF sends aid to villages near Lake Chad",
        "Ferrari unveils a new car in Maranello",
        "Priya Raman named chief scientist at ISRO",
        "Wildfires near Athens force thousands to leave",
        "The Louvre reopens its Egyptian wing in Paris",
        "Chen Wei breaks the world record in Shanghai",
        "Airbus delivers its first plane built in Tianjin",
        "Sofia Rossi wins the poetry prize in Milan",
        "The Red Cross opens a clinic in Port-au-Prince",
        "Storm Eunice hits Cardiff on Friday",
        "Nokia and Ericsson agree on a common standard",
        "Lucas Oliveira signs for Benfica in Lisbon",
        "The World Bank lends to farmers in Malawi",
        "Fatima Zahra opens a bakery in Marrakesh",
        "Volcano erupts near Reykjavik on Sunday night",
    ]

    /// Writes the dataset into `folder` (created if needed); returns the files written.
    static func write(to folder: String, fileSystem: any FileSystem) throws -> [String] {
        try fileSystem.createDirectories(PathName.join(folder, "pictures"))
        try fileSystem.createDirectories(PathName.join(folder, "texts"))
        var written: [String] = []
        let writer = AtomicFileWriter(fileSystem: fileSystem)
        func text(_ name: String, _ content: String) throws {
            let path = PathName.join(folder, name)
            try writer.write(Array(content.utf8), to: path)
            written.append(path)
        }
        try text("termlabel.toml", project)
        var random = SeededRandom(seed: 2026)
        for index in 1...12 {
            let path = PathName.join(folder, "pictures/scene\(index).png")
            try PNGEncoder.write(scene(index, &random), to: path)
            written.append(path)
        }
        for index in 1...2 {
            let path = PathName.join(folder, "pictures/texture\(index).png")
            try PNGEncoder.write(texture(index, &random), to: path)
            written.append(path)
        }
        for document in documents { try text("texts/" + document.name, document.text + "\n") }
        let records = headlines.enumerated().map { index, headline in
            String(decoding: JSONWriter.compact(.object(JSONObject(["id": .int(index + 1), "text": .string(headline)]))), as: UTF8.self)
        }
        try text("texts/headlines.jsonl", records.joined(separator: "\n") + "\n")
        return written
    }

    // MARK: - Pictures

    static let width = 320, height = 240

    static func scene(_ index: Int, _ random: inout SeededRandom) -> PixelImage {
        var canvas = Painter(width: width, height: height)
        let night = index % 4 == 0
        let dusk = index % 4 == 3
        let skyTop = night ? RGB(10, 14, 40) : dusk ? RGB(70, 40, 110) : RGB(60, 130, 220)
        let skyBottom = night ? RGB(30, 40, 80) : dusk ? RGB(250, 150, 90) : RGB(170, 210, 250)
        let horizon = 150 + Int(random.next() % 30)
        canvas.gradient(top: skyTop, bottom: skyBottom, from: 0, to: horizon)
        canvas.gradient(top: night ? RGB(20, 50, 25) : RGB(70, 150, 60), bottom: night ? RGB(10, 30, 15) : RGB(40, 100, 35), from: horizon, to: height)
        if night {
            for _ in 0..<40 { canvas.point(Int(random.next() % UInt64(width)), Int(random.next() % UInt64(horizon)), RGB(240, 240, 200)) }
        }
        let sunX = 30 + Int(random.next() % 260), sunY = 25 + Int(random.next() % 50)
        canvas.disc(x: sunX, y: sunY, radius: 16, night ? RGB(230, 230, 210) : RGB(255, 220, 60))
        for _ in 0..<(1 + Int(random.next() % 3)) {
            let x = 10 + Int(random.next() % 250), size = 40 + Int(random.next() % 25)
            let wall = [RGB(200, 80, 60), RGB(230, 200, 150), RGB(150, 150, 170), RGB(240, 240, 230)][Int(random.next() % 4)]
            canvas.rectangle(x: x, y: horizon - size + 10, width: size, height: size - 10, wall)
            canvas.triangle(left: x - 6, right: x + size + 6, base: horizon - size + 10, apex: horizon - size - 15, RGB(120, 50, 40))
            canvas.rectangle(x: x + size / 2 - 5, y: horizon - 16, width: 10, height: 16, RGB(90, 60, 40))
        }
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let x = 10 + Int(random.next() % 290), crown = 12 + Int(random.next() % 10)
            canvas.rectangle(x: x - 3, y: horizon - 10, width: 6, height: 22, RGB(100, 70, 40))
            canvas.disc(x: x, y: horizon - 10 - crown, radius: crown, night ? RGB(20, 70, 30) : RGB(40, 140, 50))
        }
        for _ in 0..<Int(random.next() % 3) {
            let x = Int(random.next() % 260), y = horizon + 25 + Int(random.next() % 40)
            let paint = [RGB(220, 30, 40), RGB(30, 90, 200), RGB(250, 250, 250), RGB(40, 40, 40)][Int(random.next() % 4)]
            canvas.rectangle(x: x, y: y, width: 50, height: 14, paint)
            canvas.rectangle(x: x + 10, y: y - 10, width: 28, height: 10, paint)
            canvas.disc(x: x + 11, y: y + 14, radius: 6, RGB(20, 20, 20))
            canvas.disc(x: x + 39, y: y + 14, radius: 6, RGB(20, 20, 20))
        }
        canvas.grain(&random, amount: 10)
        return canvas.image
    }

    static func texture(_ index: Int, _ random: inout SeededRandom) -> PixelImage {
        var canvas = Painter(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let fx = Double(x), fy = Double(y), k = Double(index)
                let r = 128 + 70 * sine(fx / 37 + fy / 53 + k) + 30 * sine(fx / 9 - fy / 14)
                let g = 118 + 80 * sine(fx / 61 - 1.3 * k) * sine(fy / 41 + 0.5)
                let b = 110 + 60 * sine((fx + fy) / 80) + 40 * sine(fx / 6) * sine(fy / 7.5)
                canvas.point(x, y, RGB(UInt8(clamping: Int(r)), UInt8(clamping: Int(g)), UInt8(clamping: Int(b))))
            }
        }
        canvas.grain(&random, amount: 18)
        return canvas.image
    }

    /// A sine good enough for textures, without Foundation.
    static func sine(_ value: Double) -> Double {
        var x = value.truncatingRemainder(dividingBy: 2 * Double.pi)
        if x > Double.pi { x -= 2 * Double.pi } else if x < -Double.pi { x += 2 * Double.pi }
        // Bhaskara-style approximation, plenty for pictures.
        let y = 4 / Double.pi * x - 4 / (Double.pi * Double.pi) * x * abs(x)
        return 0.775 * y + 0.225 * y * abs(y)
    }
}

/// Drawing simple shapes into a picture.
struct Painter {
    var image: PixelImage

    init(width: Int, height: Int) { image = PixelImage(width: width, height: height, color: .black) }

    mutating func point(_ x: Int, _ y: Int, _ color: RGB) {
        guard x >= 0, y >= 0, x < image.width, y < image.height else { return }
        image.setPixel(x, y, color)
    }

    mutating func rectangle(x: Int, y: Int, width: Int, height: Int, _ color: RGB) {
        for row in y..<(y + height) { for column in x..<(x + width) { point(column, row, color) } }
    }

    mutating func disc(x: Int, y: Int, radius: Int, _ color: RGB) {
        for row in -radius...radius {
            for column in -radius...radius where column * column + row * row <= radius * radius { point(x + column, y + row, color) }
        }
    }

    mutating func triangle(left: Int, right: Int, base: Int, apex: Int, _ color: RGB) {
        let middle = (left + right) / 2
        for row in apex...base {
            let fraction = Double(row - apex) / Double(max(1, base - apex))
            let half = Int(Double(right - left) / 2 * fraction)
            for column in (middle - half)...(middle + half) { point(column, row, color) }
        }
    }

    mutating func gradient(top: RGB, bottom: RGB, from: Int, to: Int) {
        for row in from..<to {
            let t = Double(row - from) / Double(max(1, to - from - 1))
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8(Double(a) + (Double(b) - Double(a)) * t) }
            let color = RGB(mix(top.red, bottom.red), mix(top.green, bottom.green), mix(top.blue, bottom.blue))
            for column in 0..<image.width { point(column, row, color) }
        }
    }

    mutating func grain(_ random: inout SeededRandom, amount: Int) {
        for index in stride(from: 0, to: image.pixels.count, by: 4) {
            let noise = Int(random.next() % UInt64(2 * amount + 1)) - amount
            for channel in 0..<3 { image.pixels[index + channel] = UInt8(clamping: Int(image.pixels[index + channel]) + noise) }
        }
    }
}
