import LabelConfig
import Testing

/// The syntax check in front of TOMLKit passes what TOML 1.0 allows and names what it does not
/// (its parser asserts on some malformed input, which would end the program).
@Suite struct TOMLSyntaxTests {
    @Test func validTOMLPassesTheCheck() throws {
        let valid = #"""
        # a comment
        title = "TOML \"quoted\" \u00e9"
        literal = 'C:\path'
        multi = """
        two \
          lines"""
        raw = '''
        keep \n'''
        [owner]
        dob = 1979-05-27T07:32:00-08:00
        local = 1979-05-27 07:32:00.999
        day = 1979-05-27
        at = 07:32:00
        [[products]]
        numbers = [ 1_000, -17, +3.5e-2, 0xdead_beef, 0o755, 0b1101, inf, -nan, ]
        nested = [ [1, 2], # a comment in an array
                   ["a", 'b'] ]
        point = { x = 1, "y z" = 2.0, site."a-b" = true }
        """#
        let document = try TOMLDocument(text: valid, file: "v.toml")
        #expect(document.root["owner"] != nil && document.root["products"] != nil)
    }

    @Test(arguments: [("[`x]", "a key cannot start with \"`\""), ("a = ,", "a value cannot start with \",\""),
                      ("a = 1_", "\"1_\" is not a number"), ("a = \"x", "a line ends inside a string"),
                      ("a = [1 2]", "in an array"), ("a = { b = 1, }", "a key cannot start with \"}\""),
                      ("x\u{7} = 1", "after a key"), ("a = 01", "\"01\" is not a number"), ("[#x]", "a key cannot start with \"#\"")])
    func malformedTOMLIsNamedWithItsPlace(_ text: String, _ message: String) {
        #expect {
            _ = try TOMLDocument(text: text + "\n", file: "bad.toml")
        } throws: { error in
            "\(error)".contains("bad.toml:1:") && "\(error)".contains(message)
        }
    }
}
