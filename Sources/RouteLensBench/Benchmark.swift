import AccessLog
import ArgumentParser
import Foundation
import GRDB
import Ingest
import LogSynthesis
import Reports
import Routing
import Storage

/// Measures parse and ingest throughput on generated gzip logs against `zcat FILES | wc -l` on the
/// same files in the same run, so the figures compare on whatever machine runs it.
@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routelens-bench",
        abstract: "Parse, `routelens parse` and ingest throughput, beside zcat | wc -l on the same files.",
        discussion: """
            Generates LINES realistic App Mesh gateway lines (reused if already there) split over FILES gzip files, then times, in one run: zcat FILES | wc -l; reading (inflate + split) only; parsing the first file's lines already in memory on one core (fastest of five passes); read + parse; what `routelens parse` does (read, parse, write NDJSON to /dev/null); and a full ingest into a new SQLite database, through its last WAL checkpoint. It reports the database's bytes per request and the peak resident memory of the ingest on its own.

            zcat | wc -l and the ingest run --runs times, alternately, each into a fresh database, and the fastest of each counts: on a shared machine whatever else runs only ever adds time, and alternating exposes both to the same moments.

            With --queries and --clickhouse URL or --clickhouse-server: the query stage, then its database shipped into ClickHouse as two nodes and the same reports asked of the fleet (ClickHouseReporter), each beside SQLite's time for the same question.

            With --clickhouse URL or --clickhouse-server alone, only the ClickHouse stage: on the same files, ingest alone (the reference), a backfill of that database into ClickHouse (rows/s), RowBinary export alone, and an ingest while a shipper polling every 100 ms ships what it commits; alternately, --runs times, the fastest of each counting.

            Build in release first: swift build -c release && .build/release/routelens-bench
            """
    )

    @Option(help: "Lines to generate.")
    var lines = 2_000_000

    @Option(help: "gzip files to spread them over.")
    var files = 4

    @Option(help: "Where the generated files are kept between runs.")
    var directory = "bench-data"

    @Option(help: "Alternate runs of zcat | wc -l and of the ingest; the fastest of each counts.")
    var runs = 3

    @Option(help: "App Mesh routes the ingest attributes requests with.")
    var routes = "fixtures/routes/appmesh-gateway-routes.json"

    @Option(help: "Realistic mixed App Mesh routes (an exact /health, prefixes, a regex, header and host conditions) for a second ingest stage.")
    var mixedRoutes = "fixtures/bench/appmesh-gateway-routes-mixed.json"

    @Flag(help: "Only the query stage: time query errors, latency and split over 30 days and 24 hours of a generated database (kept in --directory), and --exact latency over 24 hours and over the ingest stage's 2M rows.")
    var queries = false

    @Option(help: "Requests in the query stage's database, one a second.")
    var queryLines = 3_000_000

    @Option(help: "Routes in the query stage's database.")
    var queryRoutes = 60

    @Flag(help: "Skip the query stage's timing of --exact latency over the ingest stage's database.")
    var skipExactOnIngest = false

    @Option(help: "Only the ClickHouse stage, shipping into the ClickHouse at this URL (http://HOST:8123): ingest alone against ingest while shipping, and backfill rows/s, on the generated files.")
    var clickhouse: String?

    @Flag(help: "Only the ClickHouse stage, shipping into a throw-away clickhouse-server the bench starts on loopback (/usr/sbin/clickhouse-server).")
    var clickhouseServer = false

    @Option(help: "Rows per insert in the ClickHouse stage's shipping (default: the shipper's own, as `clickhouse backfill` sends them).")
    var clickhouseBatchRows: Int?

    @Option(help: "Inserts the ClickHouse stage's shippers keep in flight (default: the shipper's own).")
    var clickhouseInsertsInFlight: Int?

    func run() throws {
        if queries {
            try runQueryStage()
            if clickhouse != nil || clickhouseServer {
                try runFleetQueryStage()
            } else if !skipExactOnIngest {
                try timeExactOnIngestDatabase()
            }
            return
        }
        if clickhouse != nil || clickhouseServer {
            try runClickHouseStage()
            return
        }
        let paths = try prepareFiles()
        let compressedBytes = paths.reduce(Int64(0)) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int64) ?? 0) }
        print("\(lines) lines in \(files) gzip files, \(String(format: "%.1f", Double(compressedBytes) / 1e6)) MB compressed")

        let format = try LogFormat(formatString: TrafficScenario.formatString)

        var decompressedBytes = 0
        let read = try measure { () -> Int in
            var count = 0
            for path in paths {
                _ = try LogLines.forEach(inFile: path) { line, _ in
                    count += 1
                    decompressedBytes += line.count + 1
                }
            }
            return count
        }

        let parser = LineParser(format: format)
        let parseOnly = try measureParseOnly(paths.first!, parser: parser)

        let readAndParse = try measure { () -> Int in
            var parsed = 0
            for path in paths {
                _ = try LogLines.forEach(inFile: path) { line, _ in
                    if (try? parser.parse(line)) != nil { parsed += 1 }
                }
            }
            return parsed
        }

        let table = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routes)), source: routes)
        let mixedTable = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: mixedRoutes)), source: mixedRoutes)
        let processPeak = peakResidentMegabytes()
        var zcat: Measurement?
        var ingest: Measurement?
        var mixedIngest: Measurement?
        var parseCommand: Measurement?
        var ingestPeak = 0
        var databaseBytes: Int64 = 0
        for _ in 0..<max(runs, 1) {
            let reference = try measure { try shellCount("zcat \(paths.joined(separator: " ")) | wc -l") }
            if reference.seconds < zcat?.seconds ?? .infinity { zcat = reference }
            let printed = try measureParseCommand(paths, format: format)
            if printed.seconds < parseCommand?.seconds ?? .infinity { parseCommand = printed }
            resetPeakResident()
            let run = try measureIngest(paths, format: format, routes: table) { databaseBytes = $0 }
            if run.seconds < ingest?.seconds ?? .infinity { ingest = run }
            ingestPeak = max(ingestPeak, peakResidentMegabytes())
            let mixedRun = try measureIngest(paths, format: format, routes: mixedTable) { _ in }
            if mixedRun.seconds < mixedIngest?.seconds ?? .infinity { mixedIngest = mixedRun }
        }
        guard let zcatBest = zcat, let ingestBest = ingest, let mixedBest = mixedIngest, let parseBest = parseCommand else { return }

        let rows: [(String, Measurement)] = [
            ("zcat | wc -l (reference)", zcatBest),
            ("read: inflate + split lines", read),
            ("parse only, 1 core (best of 5)", parseOnly),
            ("read + parse", readAndParse),
            ("parse command: NDJSON to /dev/null", parseBest),
            ("ingest into SQLite, checkpointed", ingestBest),
            ("ingest, mixed routes", mixedBest),
        ]
        print("(zcat | wc -l, the parse command and ingests: fastest of \(max(runs, 1)) alternate runs; mixed routes: \(mixedRoutes), \(mixedTable.routes.count) routes of exact, prefix, regex, header and host conditions)")
        print("stage".padding(toLength: 36, withPad: " ", startingAt: 0) + "      lines   seconds      lines/s   time vs zcat|wc")
        for (name, measurement) in rows {
            let perLine = measurement.seconds / Double(max(measurement.count, 1))
            let ratio = perLine / (zcatBest.seconds / Double(max(zcatBest.count, 1)))
            print(
                name.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + String(format: "%11d %9.2f %12.0f %10.2fx", measurement.count, measurement.seconds, Double(measurement.count) / measurement.seconds, ratio)
            )
        }
        print("")
        print(String(format: "decompressed: %.1f MB (%.0f bytes/line)", Double(decompressedBytes) / 1e6, Double(decompressedBytes) / Double(max(read.count, 1))))
        print(String(format: "database: %.1f MB, %.0f bytes per request", Double(databaseBytes) / 1e6, Double(databaseBytes) / Double(max(ingestBest.count, 1))))
        print("peak RSS: ingest \(ingestPeak) MB; whole run \(max(processPeak, ingestPeak)) MB (parse-only holds the first file's lines in memory)")
    }

    /// A full ingest of `paths` into a new SQLite database, attributed with `routes`, through its last WAL checkpoint
    /// (`routelens ingest` pays it when it closes the database); `databaseBytes` gets the file's size.
    private func measureIngest(
        _ paths: [String], format: LogFormat, routes: RouteTable, databaseBytes: (Int64) -> Void
    ) throws -> Measurement {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent("routelens-bench-\(getpid()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        let run = try measureIngest(paths, into: database, format: format, routes: routes)
        databaseBytes((try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int64) ?? 0)
        return run
    }

    /// `--exact` latency over every row of a database ingested from the ingest stage's files (2M by default).
    private func timeExactOnIngestDatabase() throws {
        let paths = try prepareFiles()
        let path = "\(directory)/ingested-\(lines).sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            let table = try RouteTable(appMeshJSON: Data(contentsOf: URL(fileURLWithPath: routes)), source: routes)
            let store = try RequestDatabase(path: path + ".partial")
            let ingestor = Ingestor(
                database: store, options: IngestOptions(format: .fixed(try LogFormat(formatString: TrafficScenario.formatString)), attributor: RequestAttributor(routes: table))
            )
            for path in paths { _ = try ingestor.ingest(path: path) }
            try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
        }
        let reporter = Reporter(database: try RequestDatabase(path: path))
        var scope = ReportScope()
        scope.exact = true
        try time("latency all --exact") { let report = try reporter.latency(scope); return "\(report.method.rawValue), \(report.routes.map(\.requests).reduce(0, +)) requests" }
        try time("latency all") { let report = try reporter.latency(ReportScope()); return "\(report.method.rawValue) \(report.resolution)" }
    }

    struct Measurement {
        var count: Int
        var seconds: Double
    }

    func measure(_ body: () throws -> Int) throws -> Measurement {
        let start = DispatchTime.now()
        let count = try body()
        return Measurement(count: count, seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }

    /// What `routelens parse` does with each file, output to `/dev/null`: read, parse, write each record's
    /// JSON into a reused buffer, in 1 MiB writes. In-process, so it times the same code without the
    /// executable's start-up.
    private func measureParseCommand(_ paths: [String], format: LogFormat) throws -> Measurement {
        let sink = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { close(sink) }
        let out = JSONLineBuffer(capacity: (1 << 20) + (1 << 16))
        func flush() {
            let bytes = out.bytes
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(sink, base + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
            out.removeAll()
        }
        return try measure { () -> Int in
            var records = 0
            for path in paths {
                let parser = LineParser(format: format)
                _ = try LogLines.forEach(inFile: path) { line, _ in
                    guard !line.isEmpty, (try? parser.parse(line)) != nil else { return }
                    parser.appendJSONLine(to: out)
                    records += 1
                    if out.count >= 1 << 20 { flush() }
                }
            }
            flush()
            return records
        }
    }

    /// Writes the generated log over `files` gzip files, unless a previous run left them.
    func prepareFiles() throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let paths = (1...files).map { "\(directory)/access-\(lines)-\($0).log.gz" }
        if paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) { return paths }
        var scenario = TrafficScenario.shop
        scenario.lineCount = lines
        var generator = try LogGenerator(scenario: scenario)
        let perFile = (lines + files - 1) / files
        var buffer: [UInt8] = []
        for path in paths {
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
            gzip.arguments = ["-c", "gzip -6 > '\(path)'"]
            let input = Pipe()
            gzip.standardInput = input
            try gzip.run()
            var written = 0
            while written < perFile, generator.appendNextLine(to: &buffer) {
                written += 1
                if buffer.count >= 1 << 20 {
                    input.fileHandleForWriting.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            input.fileHandleForWriting.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
            try input.fileHandleForWriting.close()
            gzip.waitUntilExit()
        }
        return paths
    }

    /// Parses the lines of `path`, held in memory, on one core: the fastest of five passes, the pass
    /// least disturbed by whatever else the machine runs. The lines are freed before the ingest stage.
    private func measureParseOnly(_ path: String, parser: LineParser) throws -> Measurement {
        let inMemory = try loadLines(path)
        return try (0..<5).map { _ in
            try measure { () -> Int in
                var parsed = 0
                inMemory.text.withUnsafeBytes { text in
                    for range in inMemory.ranges where (try? parser.parse(UnsafeRawBufferPointer(rebasing: text[range]))) != nil {
                        parsed += 1
                    }
                }
                return parsed
            }
        }.min { $0.seconds < $1.seconds }!
    }

    private func loadLines(_ path: String) throws -> (text: [UInt8], ranges: [Range<Int>]) {
        var text: [UInt8] = []
        var ranges: [Range<Int>] = []
        _ = try LogLines.forEach(inFile: path) { line, _ in
            ranges.append(text.count..<(text.count + line.count))
            text.append(contentsOf: line)
        }
        return (text, ranges)
    }

    private func shellCount(_ command: String) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// The peak resident set since the process started or since ``resetPeakResident()``: Linux's VmHWM.
    private func peakResidentMegabytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        let fields = line.split { $0 == " " || $0 == "\t" }
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) / 1024
    }

    /// Starts VmHWM again from the current resident set, so the ingest's own peak can be read apart
    /// from the stages before it (proc(5), `/proc/PID/clear_refs`).
    private func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
