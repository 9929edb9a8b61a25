import Testing
@testable import Follow

@Suite("Follow planner")
struct FollowPlannerTests {
    func file(_ path: String, inode: UInt64 = 1, size: Int64 = 100, modified: Int64 = 1) -> FileSnapshot {
        FileSnapshot(path: path, device: 1, inode: inode, size: size, modified: modified)
    }

    @Test("Every file is read at the first poll, in the listing's order")
    func firstPollReadsEverything() {
        var planner = FollowPlanner()
        let listing = [file("access.log.2.gz"), file("access.log.1"), file("access.log")]
        #expect(planner.pathsToRead(in: listing, now: 0) == ["access.log.2.gz", "access.log.1", "access.log"])
    }

    @Test("A file read to its end is not read again until it changes")
    func unchangedFileIsSkipped() {
        var planner = FollowPlanner()
        let log = file("access.log")
        _ = planner.pathsToRead(in: [log], now: 0)
        planner.record(.readToEnd, of: log, now: 0)
        #expect(planner.pathsToRead(in: [log], now: 1) == [])
    }

    @Test("Appended bytes, a new inode (create rotation) or a new mtime make a file due again")
    func changesMakeAFileDue() {
        var planner = FollowPlanner()
        let log = file("access.log")
        planner.record(.readToEnd, of: log, now: 0)
        #expect(planner.pathsToRead(in: [file("access.log", size: 150)], now: 1) == ["access.log"])
        planner.record(.readToEnd, of: log, now: 0)
        #expect(planner.pathsToRead(in: [file("access.log", inode: 2)], now: 1) == ["access.log"])
        planner.record(.readToEnd, of: log, now: 0)
        #expect(planner.pathsToRead(in: [file("access.log", modified: 2)], now: 1) == ["access.log"])
    }

    @Test("A truncated file (copytruncate) is due again")
    func truncatedFileIsDue() {
        var planner = FollowPlanner()
        planner.record(.readToEnd, of: file("access.log", size: 5000), now: 0)
        #expect(planner.pathsToRead(in: [file("access.log", size: 0, modified: 2)], now: 1) == ["access.log"])
    }

    @Test("A failed file is retried after a back-off that doubles, up to a minute")
    func failuresBackOff() {
        var planner = FollowPlanner()
        let bad = file("README")
        #expect(planner.record(.failed(reason: "unknown format"), of: bad, now: 0) == true)
        #expect(planner.pathsToRead(in: [bad], now: 0.5) == [])
        #expect(planner.pathsToRead(in: [bad], now: 1) == ["README"])
        #expect(planner.record(.failed(reason: "unknown format"), of: bad, now: 1) == false)
        #expect(planner.pathsToRead(in: [bad], now: 2.5) == [])
        #expect(planner.pathsToRead(in: [bad], now: 3) == ["README"])
        for attempt in 0..<10 { planner.record(.failed(reason: "unknown format"), of: bad, now: Double(attempt)) }
        #expect(planner.pathsToRead(in: [bad], now: 9 + FollowPlanner.maximumBackOff - 1) == [])
        #expect(planner.pathsToRead(in: [bad], now: 9 + FollowPlanner.maximumBackOff) == ["README"])
    }

    @Test("A failed file that changes is retried at once, and its failure reported afresh")
    func changedFailedFileIsRetried() {
        var planner = FollowPlanner()
        planner.record(.failed(reason: "permission denied"), of: file("access.log"), now: 0)
        let changed = file("access.log", size: 200)
        #expect(planner.pathsToRead(in: [changed], now: 0.1) == ["access.log"])
        #expect(planner.record(.failed(reason: "permission denied"), of: changed, now: 0.1) == true)
    }

    @Test("A file that disappears is forgotten, and read from its checkpoint if it comes back")
    func vanishedFileIsForgotten() {
        var planner = FollowPlanner()
        let log = file("access.log.1")
        planner.record(.readToEnd, of: log, now: 0)
        #expect(planner.pathsToRead(in: [], now: 1) == [])
        #expect(planner.pathsToRead(in: [log], now: 2) == ["access.log.1"])
    }
}
