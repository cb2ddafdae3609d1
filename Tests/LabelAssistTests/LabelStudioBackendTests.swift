import LabelAssist
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `--labelstudio URL` against a small local server that answers `/predict` as a Label Studio
/// ML backend does (loopback only): percent rectangles, text labels, choices, model_version.
@Suite(.enabled(if: RequiredTools.program("python3"))) struct LabelStudioBackendTests {
    static let server = """
    import json, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer
    class Backend(BaseHTTPRequestHandler):
        def log_message(self, *args): pass
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            assert self.path == "/predict", self.path
            config = body["label_config"]
            results = []
            for task in body["tasks"]:
                data = task["data"]
                if "image" in data:
                    assert "<RectangleLabels" in config and 'value="cat"' in config, config
                    result = [{"from_name": "label", "to_name": "image", "type": "rectanglelabels", "score": 0.9,
                               "value": {"x": 25, "y": 50, "width": 50, "height": 25, "rectanglelabels": ["cat"]}},
                              {"from_name": "choice", "to_name": "image", "type": "choices", "value": {"choices": ["indoor"]}}]
                else:
                    start = data["text"].index("Paris")
                    result = [{"from_name": "label", "to_name": "text", "type": "labels",
                               "value": {"start": start, "end": start + 5, "text": "Paris", "labels": ["LOC"]}}]
                results.append({"result": result, "score": 0.75, "model_version": "yolo-v7"})
            answer = json.dumps({"results": results}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
    server = HTTPServer(("127.0.0.1", 0), Backend)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """

    @Test func predictionsBecomeSuggestionsWithTheModelVersionAsSource() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[classes]\nlabels = [\"indoor\", \"outdoor\"]\n[boxes]\nlabels = [\"cat\"]\n[spans]\nlabels = [\"LOC\"]\n")
        try PNGEncoder.write(PixelImage(width: 40, height: 20, pixels: [UInt8](repeating: 90, count: 40 * 20 * 4)), to: folder.url("a.png"))
        folder.write("t.txt", "Ada went to Paris\n")
        folder.write("server.py", Self.server)
        let model = ModelProcess(command: "python3 \(folder.url("server.py"))")
        defer { model.stop() }
        // The server prints its port on its first line (the process protocol reads one line).
        let port = String(decoding: try model.ask([], timeout: 10), as: UTF8.self)
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], annotator: "ana"))
        let backend = try #require(LabelStudioSuggester(url: "http://127.0.0.1:\(port)", settings: dataset.settings, timeout: 10))
        let report = SuggestRun(dataset: dataset, store: SidecarStore(locator: dataset.locator), options: SuggestRun.Options(source: "labelstudio")).run(backend)
        #expect(report.suggested == 3 && report.problems.isEmpty, "\(report)")
        let picture = try SidecarCodec.decode(try #require(folder.read("a.png.labels.json")), file: "a").annotations
        let box = try #require(picture.first { $0.box != nil })
        #expect(box.box == BoxGeometry(x: 10, y: 10, width: 20, height: 5) && box.source == "yolo-v7" && box.score == 0.9)
        #expect(picture.contains { $0.isClassification && $0.label == "indoor" && $0.score == 0.75 })
        let text = try SidecarCodec.decode(try #require(folder.read("t.txt.labels.json")), file: "t").annotations
        #expect(text.map { "\($0.label) \($0.span?.text ?? "")" } == ["LOC Paris"])
        #expect(HTTPClient(url: "https://example.org") == nil)
    }
}
