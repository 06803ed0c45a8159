/// The runner the tests share with the benchmark (ChildProcesses), re-exported so a test that imports
/// StorefrontTestSupport alone keeps calling `ChildProcess` as it always has.
@_exported import ChildProcesses
