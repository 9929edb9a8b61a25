import Testing

/// The tests whose daemons read 100k lines or more, or race a writer at thousands of lines per second,
/// nested here to run one at a time: on two cores, side by side, they would starve each other's
/// daemons and measure the machine instead of RouteLens.
@Suite("Volume, one test at a time", .serialized)
struct VolumeTests {}
