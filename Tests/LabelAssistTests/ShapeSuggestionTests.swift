import LabelAssist
import LabelCore
import TestSupport
import Testing

/// A model may suggest polygons, keypoints and masks with the sidecar's own fields; what does
/// not fit the picture or the project is named and skipped.
@Suite struct ShapeSuggestionTests {
    @Test func shapesInAnAnswerBecomeSuggestions() throws {
        var settings = ProjectSettings()
        settings.polygons = LabelSet(kind: .polygons, labels: [LabelDefinition(name: "cup")])
        settings.masks = LabelSet(kind: .masks, labels: [LabelDefinition(name: "sky")])
        settings.skeletons = [Skeleton(name: "face", names: ["nose", "eye"])]
        var sky = Bitmap(height: 10, width: 20)
        sky[1, 1] = true
        let answer = """
        {"annotations": [
          {"type": "polygon", "label": "cup", "points": [[1, 1], [15, 2], [8, 9]], "score": 0.9},
          {"type": "mask", "label": "sky", "rle": {"size": [10, 20], "counts": "\(MaskRLE(sky).counts)"}},
          {"type": "keypoints", "label": "face", "skeleton": "face", "points": [[3, 3, 2], [0, 0, 0]]},
          {"type": "polygon", "label": "cup", "points": [[1, 1], [150, 2], [8, 9]]},
          {"type": "keypoints", "label": "face", "skeleton": "hand", "points": [[3, 3, 2]]}
        ]}
        """
        let item = SuggestionProtocol.Item(path: "a.png", record: nil, kind: .image, size: ImageSize(width: 20, height: 10))
        let result = try SuggestionProtocol.answer(Array(answer.utf8), for: item, settings: settings, source: "model", identifiers: CountingIdentifiers())
        #expect(result.suggestions.map(\.shape.typeName) == ["polygon", "mask", "keypoints"])
        #expect(result.suggestions.allSatisfy { $0.isSuggestion })
        #expect(result.suggestions.first?.score == 0.9)
        #expect(result.skipped.count == 2, "\(result.skipped)")
        #expect(result.skipped.contains { $0.contains("a vertex lies outside the 20×10 image") })
    }
}
