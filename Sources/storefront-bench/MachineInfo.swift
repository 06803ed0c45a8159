import Foundation

/// The machine a benchmark ran on, as its report names it.
struct MachineInfo {
    var processors: Int
    var cpuModel: String
    var memory: String
    var kernel: String

    static func current() -> MachineInfo {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let totalKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Double($0) }
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "unknown")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return MachineInfo(processors: ProcessInfo.processInfo.activeProcessorCount, cpuModel: model,
                           memory: totalKB.map { String(format: "%.1f GiB", $0 / 1_048_576) } ?? "unknown", kernel: kernel)
    }

    var description: String {
        "\(processors) processors (nproc), \(cpuModel), \(memory) memory, Linux \(kernel)"
    }
}
