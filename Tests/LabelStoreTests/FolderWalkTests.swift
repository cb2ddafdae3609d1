#if canImport(Glibc)
import Glibc
#endif
import LabelCore
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// The folder walk: natural order across folders listed in parallel, link loops ended, a
/// folder reached twice through links listed once (always the same way round).
@Suite struct FolderWalkTests {
    @Test func parallelFoldersComeBackInNaturalOrderAndLinksCannotLoop() throws {
        let folder = TemporaryDirectory()
        for sub in ["b2", "b10", "a", "b1"] {
            for name in ["img10.png", "img2.png", "img1.png"] { folder.write("\(sub)/\(name)", "x") }
        }
        folder.write("top.txt", "hello\n")
        #expect(symlink(folder.url("a"), folder.url("z-link-to-a")) == 0)
        #expect(symlink(folder.path, folder.url("a/loop")) == 0)
        for _ in 0..<5 {
            let scanned = DatasetScanner(fileSystem: POSIXFileSystem()).scan([folder.path], root: folder.path)
            let names = scanned.files.map(\.relativePath)
            #expect(scanned.files.allSatisfy { $0.path == folder.url($0.relativePath) })
            #expect(names == ["a/img1.png", "a/img2.png", "a/img10.png", "b1/img1.png", "b1/img2.png", "b1/img10.png",
                              "b2/img1.png", "b2/img2.png", "b2/img10.png", "b10/img1.png", "b10/img2.png", "b10/img10.png", "top.txt"])
            #expect(scanned.problems.isEmpty, "\(scanned.problems)")
        }
    }
}
