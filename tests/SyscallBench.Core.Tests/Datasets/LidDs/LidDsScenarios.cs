using SyscallBench.Core.Datasets.LidDs;

namespace SyscallBench.Core.Tests.Datasets.LidDs;

/// <summary>
/// Small generated LID-DS scenarios for the tests: the same recordings written as 2021 zips, 2021 unzipped recordings
/// (in folders or flat) or 2019 runs, through the project's own <see cref="LidDsWriter"/>.
/// </summary>
internal static class LidDsScenarios
{
    /// <summary>Unix time of the scenarios' first event, in nanoseconds.</summary>
    public const long Epoch = 1_700_000_000_000_000_000;

    /// <summary>A recording: its name, whether an exploit runs (from second <see cref="ExploitSecond"/>), and its calls.</summary>
    public sealed record Recording(string Name, bool IsExploit, IReadOnlyList<Call> Calls)
    {
        public const double ExploitSecond = 3;
    }

    /// <summary>A call entered at <paramref name="Seconds"/> after the recording's start by a thread.</summary>
    public sealed record Call(double Seconds, int Pid, int Tid, string Syscall);

    /// <summary>A normal recording: two threads of one process alternating read/write, then a third thread's open/close.</summary>
    public static Recording Normal(string name, int calls = 40) => new(name, false,
        Enumerable.Range(0, calls).Select(i => new Call(i * 0.1, 100, 100 + (i % 2), i % 4 < 2 ? "read" : "write"))
            .Append(new Call(calls * 0.1, 100, 102, "open")).Append(new Call(calls * 0.1 + 0.05, 100, 102, "close")).ToArray());

    /// <summary>An attack recording: normal calls, and from the exploit on, execve/socket calls in one thread.</summary>
    public static Recording Attack(string name) => new(name, true,
        Normal(name, 20).Calls.Concat(Enumerable.Range(0, 10).Select(i => new Call(Recording.ExploitSecond + i * 0.1, 100, 101, i % 2 == 0 ? "execve" : "socket"))).ToArray());

    /// <summary>The standard scenario: 3 training, 2 validation, 2 test normal and 2 test attack recordings.</summary>
    public static IReadOnlyList<(string Split, Recording Recording)> Standard() =>
    [
        ("training", Normal("train_a")), ("training", Normal("train_b", 30)), ("training", Normal("train_c", 50)),
        ("validation", Normal("valid_a")), ("validation", Normal("valid_b", 36)),
        ("test/normal", Normal("test_normal_a", 44)), ("test/normal", Normal("test_normal_b")),
        ("test/normal_and_attack", Attack("test_attack_a")), ("test/normal_and_attack", Attack("test_attack_b")),
    ];

    public enum Storage
    {
        Zips,
        Folders,
        Flat,
    }

    /// <summary>Writes a 2021 scenario folder SCENARIO/{training, validation, test/...} and returns its path.</summary>
    public static string Write2021(string root, Storage storage, IReadOnlyList<(string Split, Recording Recording)>? recordings = null, string scenario = "CVE-0000-1")
    {
        var folder = Path.Combine(root, scenario);
        foreach (var (split, recording) in recordings ?? Standard())
        {
            var place = Path.Combine(folder, split);
            var metadata = Metadata(recording);
            if (storage == Storage.Zips)
            {
                LidDsWriter.WriteZip2021(place, recording.Name, metadata, writer => WriteEvents2021(writer, recording));
            }
            else
            {
                LidDsWriter.WriteUnzipped2021(place, recording.Name, metadata, writer => WriteEvents2021(writer, recording), flat: storage == Storage.Flat);
            }
        }

        return folder;
    }

    /// <summary>The recording's NAME.json: an exploit at <see cref="Recording.ExploitSecond"/> for exploit recordings.</summary>
    public static string Metadata(Recording recording) =>
        LidDsWriter.Metadata2021(recording.IsExploit, recording.IsExploit ? (Epoch + (long)(Recording.ExploitSecond * 1e9)) / 1_000_000_000m : null);

    /// <summary>Each call as its '&gt;' and '&lt;' lines, 1 µs apart.</summary>
    public static void WriteEvents2021(TextWriter writer, Recording recording)
    {
        foreach (var call in recording.Calls)
        {
            var time = Epoch + (long)Math.Round(call.Seconds * 1e9);
            writer.WriteLine(LidDsWriter.Line2021(time, call.Pid, call.Tid, "httpd", call.Syscall, '>', "fd=3"));
            writer.WriteLine(LidDsWriter.Line2021(time + 1000, call.Pid, call.Tid, "httpd", call.Syscall, '<', "res=0"));
        }
    }

    /// <summary>
    /// Writes a 2019 scenario: runs.csv listing the standard scenario's normal recordings first (training, then validation,
    /// then test, so train_runs: 3 and validation_runs: 2 split them as the 2021 folders do) and the attacks after them.
    /// </summary>
    public static string Write2019(string root, string scenario = "CVE-0000-1")
    {
        var folder = Path.Combine(root, scenario);
        var runs = Standard().Select(p => p.Recording)
            .Select(r => (new LidDsWriter.Run2019(r.Name, r.IsExploit, r.IsExploit ? Recording.ExploitSecond : -1), (Action<TextWriter>)(w => WriteEvents2019(w, r))))
            .ToArray();
        LidDsWriter.Write2019(folder, runs);
        return folder;
    }

    private static void WriteEvents2019(TextWriter writer, Recording recording)
    {
        var number = 0L;
        foreach (var call in recording.Calls)
        {
            var time = 10 * 3_600_000_000_000L + (long)Math.Round(call.Seconds * 1e9);
            writer.WriteLine(LidDsWriter.Line2019(++number, time, call.Tid, "httpd", call.Syscall, '>', "fd=3"));
            writer.WriteLine(LidDsWriter.Line2019(++number, time + 1000, call.Tid, "httpd", call.Syscall, '<', "res=0"));
        }
    }
}
