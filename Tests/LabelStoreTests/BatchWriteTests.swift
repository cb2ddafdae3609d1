import LabelCore
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// Many documents saved at once (an import): new sidecars flushed together, existing ones by the
/// ordinary path; a failure at any step leaves each sidecar absent or complete, never torn.
@Suite struct BatchWriteTests {
    let folder = TemporaryDirectory()

    func store(_ fileSystem: any FileSystem = POSIXFileSystem()) -> SidecarStore {
        SidecarStore(fileSystem: fileSystem, locator: SidecarLocator(dataRoot: folder.path))
    }

    @Test func newAndExistingSidecarsAreAllWrittenInSmallBatches() throws {
        let names = (0..<7).map { "part\($0 % 2)/p\($0).png" }
        let paths = names.map { folder.write($0, "not really a png") }
        let earlier = Make.box("old", "dog", 1, 1, 2, 2)
        folder.write(names[3] + ".labels.json", bytes: SidecarCodec.encode(Sidecar(file: "p3.png", kind: .image, annotations: [earlier])))
        let store = store()
        for path in paths { store.open(path, as: DataFileDescription(kind: .image, imageSize: ImageSize(width: 64, height: 48))) }
        let changes = paths.enumerated().map { index, path in
            (dataPath: path, transaction: Transaction([.add(Make.box("b\(index)", "cat", index, 2, 3, 4))]))
        }
        let failures = store.applyAll(changes, batch: 3)
        #expect(failures.isEmpty, "\(failures.map(\.error.description))")
        for (index, name) in names.enumerated() {
            let sidecar = try SidecarCodec.decode(try #require(folder.read(name + ".labels.json")), file: name)
            let expected = index == 3 ? [earlier, Make.box("b3", "cat", 3, 2, 3, 4)] : [Make.box("b\(index)", "cat", index, 2, 3, 4)]
            #expect(Set(sidecar.annotations) == Set(expected), "\(name)")
            #expect(store.document(paths[index])?.annotations.count == expected.count, "the document in memory follows the disk")
        }
        #expect(folder.list().filter { $0.contains(".tmp-") }.isEmpty, "no temporary file is left behind")
    }

    @Test(arguments: 1...13)
    func aFailureAtAnyStepLeavesNoTornSidecar(failAt: Int) throws {
        let paths = (0..<3).map { folder.write("p\($0).png", "x") }
        let faulty = FaultyFileSystem(failAt: failAt)
        let store = store(faulty)
        for path in paths { store.open(path, as: DataFileDescription(kind: .image, imageSize: ImageSize(width: 64, height: 48))) }
        let failures = store.applyAll(paths.enumerated().map { (dataPath: $1, transaction: Transaction([.add(Make.box("b\($0)", "cat", 1, 2, 3, 4))])) })
        #expect(!failures.isEmpty, "the injected failure is reported (\(faulty.steps))")
        for (index, path) in paths.enumerated() {
            guard let bytes = folder.read("p\(index).png.labels.json") else {
                #expect(store.document(path)?.annotations.isEmpty == true, "not saved, not shown as saved")
                continue
            }
            #expect((try? SidecarCodec.decode(bytes, file: "p\(index).png.labels.json")) != nil, "a sidecar on disk is complete")
        }
        #expect(folder.list().filter { $0.contains(".tmp-") }.isEmpty)
    }
}
