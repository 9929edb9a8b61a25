#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the environment without Foundation, which this module does not otherwise need.
enum ProcessInfoEnvironment {
    static func value(of name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
