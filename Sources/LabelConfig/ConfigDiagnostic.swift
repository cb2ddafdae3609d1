import LabelCore

/// A problem in a configuration file, named by file and line ("a bad entry is a warning").
public typealias ConfigDiagnostic = Diagnostic
